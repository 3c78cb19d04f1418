package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import io.torii.ike.proposal.Proposal;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Security Association payload (RFC 7296 §3.3): one or more proposals, each a Proposal
 * substructure holding Transform substructures; {@link ProposalCodec} draws and reads them.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                          <Proposals>                          ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param proposals the proposals in the order sent.
 */
public record SecurityAssociationPayload(List<Proposal> proposals) implements Payload
{
    /**
     * Copies the list.
     */
    public SecurityAssociationPayload
    {
        proposals = List.copyOf(proposals);
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why its substructures do not parse.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        return ProposalCodec.decode(buffer, offset, length);
    }

    @Override
    public int type()
    {
        return PayloadType.SA;
    }

    /**
     * Proposal numbers start at 1 and go up by one (§3.3.1); a responder's single proposal keeps the
     * number of the one it chose, so a lone proposal may carry any number. SPIs must fit their
     * protocol: none or 8 bytes for IKE, 4 for AH and ESP.
     */
    @Override
    public MalformedReason verify()
    {
        if (proposals.isEmpty())
        {
            return MalformedReason.NO_PROPOSALS;
        }
        for (int i = 0; i < proposals.size(); i++)
        {
            final Proposal proposal = proposals.get(i);
            if (proposals.size() > 1 && proposal.number() != i + 1)
            {
                return MalformedReason.BAD_PROPOSAL_NUMBER;
            }
            if (proposal.transforms().isEmpty())
            {
                return MalformedReason.NO_PROPOSALS;
            }
            final int spiSize = proposal.spi().length;
            final boolean spiFits = switch (proposal.protocol())
            {
                case Proposal.IKE -> spiSize == 0 || spiSize == 8;
                case Proposal.AH, Proposal.ESP -> spiSize == 4;
                default -> false;
            };
            if (!spiFits)
            {
                return proposal.protocol() > Proposal.ESP ? MalformedReason.BAD_PROTOCOL : MalformedReason.BAD_SPI_SIZE;
            }
        }
        return MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        int length = 0;
        for (final Proposal proposal : proposals)
        {
            length += ProposalCodec.proposalLength(proposal);
        }
        return length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        for (int i = 0; i < proposals.size(); i++)
        {
            at += ProposalCodec.encode(proposals.get(i), i == proposals.size() - 1, buffer, at);
        }
    }
}
