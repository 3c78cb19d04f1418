package io.torii.ike.task;

import io.torii.ike.crypto.KeyExchanges;
import io.torii.ike.crypto.Prf;
import io.torii.ike.crypto.SharedSecretResult;
import io.torii.ike.crypto.SkCipherSuite;
import io.torii.ike.crypto.WeakAlgorithms;
import io.torii.ike.keymat.IkeKeyDerivation;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.KeyExchangePayload;
import io.torii.ike.message.payload.NoncePayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.SecurityAssociationPayload;
import io.torii.ike.proposal.KeyExchangeGroups;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.ProposalAnswerCheck;
import io.torii.ike.proposal.ProposalSelector;
import io.torii.ike.proposal.SelectionResult;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformType;
import io.torii.ike.sa.NatDetection;
import io.torii.ike.sa.PeerProfile;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IKE_SA_INIT (RFC 7296 §1.2): proposals, key exchange and nonces, NAT detection (§2.23), and on the
 * initiator's side the retries a responder may ask for, with another group (INVALID_KE_PAYLOAD, §1.3)
 * or with a cookie (§2.6). When it is done the IKE SA has its suite and keys.
 */
final class IkeInitTask implements IkeTask
{
    /** Nonce length: at least half the PRF's key size and 128 bits (§2.10); 32 bytes serves every PRF. */
    static final int NONCE_LENGTH = 32;

    private final IkeSaContext sa;
    private final boolean initiator;
    private int group;
    private byte[] cookie;
    private int refusal;
    private byte[] refusalData = new byte[0];

    IkeInitTask(final IkeSaContext sa, final boolean initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        return initiator ? buildRequest(draft) : buildResponse(draft);
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        return initiator ? processResponse(message) : processRequest(message);
    }

    private TaskStatus buildRequest(final MessageDraft draft)
    {
        final PeerProfile profile = sa.profile;
        if (sa.keyExchange == null)
        {
            if (group == 0)
            {
                group = KeyExchangeGroups.initiatorGroup(profile.ikeProposals()).orElse(0);
            }
            if (!KeyExchanges.isSupported(group))
            {
                return sa.fail("no supported key exchange group in the IKE proposals of " + profile.name());
            }
            sa.keyExchange = KeyExchanges.create(group, sa.random);
        }
        if (sa.initiatorNonce == null)
        {
            sa.initiatorNonce = randomBytes(NONCE_LENGTH);
        }
        if (cookie != null)
        {
            draft.add(NotifyPayload.of(NotifyType.COOKIE, cookie));
        }
        draft.add(new SecurityAssociationPayload(profile.ikeProposals()));
        draft.add(new KeyExchangePayload(sa.keyExchange.group(), sa.keyExchange.publicValue()));
        draft.add(new NoncePayload(sa.initiatorNonce));
        addNatDetection(draft, 0);
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus processResponse(final IkeMessage message)
    {
        final Optional<NotifyPayload> cookieNotify = Notifies.first(message, NotifyType.COOKIE);
        if (cookieNotify.isPresent() && cookie == null)
        {
            cookie = cookieNotify.get().data();
            return TaskStatus.NEED_MORE;
        }
        final Optional<NotifyPayload> invalidKe = Notifies.first(message, NotifyType.INVALID_KE_PAYLOAD);
        if (invalidKe.isPresent())
        {
            return retryWithGroup(invalidKe.get().data());
        }
        final Optional<NotifyPayload> error = Notifies.firstError(message);
        if (error.isPresent())
        {
            return sa.fail("the responder refused IKE_SA_INIT: " + Notifies.name(error.get().notifyType()));
        }
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final List<KeyExchangePayload> kes = message.payloadsOf(KeyExchangePayload.class);
        final List<NoncePayload> nonces = message.payloadsOf(NoncePayload.class);
        if (sas.size() != 1 || kes.size() != 1 || nonces.size() != 1)
        {
            return sa.fail("IKE_SA_INIT response without exactly one SA, KE and Nonce payload");
        }
        final SelectionResult answer = ProposalAnswerCheck.check(sa.profile.ikeProposals(), sas.getFirst().proposals());
        if (!(answer instanceof SelectionResult.Selected selected))
        {
            return sa.fail("unacceptable IKE proposal in the response: " +
                ((SelectionResult.Rejected)answer).explanation());
        }
        if (kes.getFirst().group() != sa.keyExchange.group() ||
            KeyExchangeGroups.selectedGroup(selected.proposal()).orElse(-1) != sa.keyExchange.group())
        {
            return sa.fail("the responder's KE group " + kes.getFirst().group() + " is not the one we sent (" +
                sa.keyExchange.group() + ")");
        }
        sa.responderSpi = message.responderSpi();
        sa.responderNonce = nonces.getFirst().nonce();
        detectNat(message, sa.responderSpi);
        return deriveKeys(selected.proposal(), kes.getFirst().data());
    }

    private TaskStatus retryWithGroup(final byte[] data)
    {
        if (data.length != 2)
        {
            return sa.fail("INVALID_KE_PAYLOAD with " + data.length + " bytes of data, expected 2");
        }
        final int wanted = ByteBuffer.wrap(data).getShort() & 0xFFFF;
        if (wanted == sa.keyExchange.group() || !KeyExchangeGroups.offers(sa.profile.ikeProposals(), wanted) ||
            !KeyExchanges.isSupported(wanted))
        {
            return sa.fail("the responder wants key exchange group " + wanted + ", which we do not offer");
        }
        sa.destroyKeyExchange();
        group = wanted;
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus processRequest(final IkeMessage message)
    {
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final List<KeyExchangePayload> kes = message.payloadsOf(KeyExchangePayload.class);
        final List<NoncePayload> nonces = message.payloadsOf(NoncePayload.class);
        if (sas.size() != 1 || kes.size() != 1 || nonces.size() != 1)
        {
            return refuse(NotifyType.INVALID_SYNTAX, new byte[0],
                "IKE_SA_INIT request without exactly one SA, KE and Nonce payload");
        }
        sa.initiatorNonce = nonces.getFirst().nonce();
        Proposal chosen = null;
        final java.util.StringJoiner rejections = new java.util.StringJoiner("; ");
        for (final PeerProfile candidate : sa.candidates)
        {
            final SelectionResult result = ProposalSelector.select(candidate.ikeProposals(),
                sas.getFirst().proposals(), candidate.preference());
            if (result instanceof SelectionResult.Selected selected)
            {
                chosen = selected.proposal();
                sa.profile = candidate;
                break;
            }
            rejections.add(candidate.name() + ": " + ((SelectionResult.Rejected)result).explanation());
        }
        if (chosen == null)
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, new byte[0], "no acceptable IKE proposal: " + rejections);
        }
        final int chosenGroup = KeyExchangeGroups.selectedGroup(chosen).orElse(0);
        if (kes.getFirst().group() != chosenGroup)
        {
            return refuse(NotifyType.INVALID_KE_PAYLOAD, new byte[] {(byte)(chosenGroup >>> 8), (byte)chosenGroup},
                "the initiator's KE is for group " + kes.getFirst().group() + ", we chose " + chosenGroup);
        }
        detectNat(message, 0);
        sa.keyExchange = KeyExchanges.create(chosenGroup, sa.random);
        sa.responderNonce = randomBytes(NONCE_LENGTH);
        sa.ikeProposal = chosen;
        final TaskStatus keys = deriveKeys(chosen, kes.getFirst().data());
        return keys == TaskStatus.DONE ? TaskStatus.NEED_MORE : keys;
    }

    private TaskStatus refuse(final int notifyType, final byte[] data, final String reason)
    {
        refusal = notifyType;
        refusalData = data;
        sa.fail(reason);
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus buildResponse(final MessageDraft draft)
    {
        if (refusal != 0)
        {
            draft.refuse(refusal, refusalData);
            return TaskStatus.FAILED;
        }
        draft.add(new SecurityAssociationPayload(List.of(sa.ikeProposal)));
        draft.add(new KeyExchangePayload(sa.keyExchange.group(), sa.keyExchange.publicValue()));
        draft.add(new NoncePayload(sa.responderNonce));
        addNatDetection(draft, sa.responderSpi);
        sa.destroyKeyExchange();
        return TaskStatus.DONE;
    }

    /**
     * NAT_DETECTION_SOURCE_IP over our end, DESTINATION_IP over the peer's as we address it. Forcing
     * encapsulation, the source hash is random, so the peer sees us behind a NAT (strongSwan's encap).
     */
    private void addNatDetection(final MessageDraft draft, final long responderSpi)
    {
        draft.add(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP,
            sa.profile.forceEncapsulation() ? randomBytes(NatDetection.HASH_LENGTH) :
                NatDetection.hash(sa.initiatorSpi, responderSpi, sa.local)));
        draft.add(NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP,
            NatDetection.hash(sa.initiatorSpi, responderSpi, sa.remote)));
    }

    /**
     * A side is behind a NAT when the hashes the peer made of it do not match what this side sees (§2.23);
     * a peer that sent no NAT detection notifies does not support it, and nothing is concluded.
     */
    private void detectNat(final IkeMessage message, final long responderSpi)
    {
        final List<byte[]> source = Notifies.all(message, NotifyType.NAT_DETECTION_SOURCE_IP).stream()
            .map(NotifyPayload::data).toList();
        final List<byte[]> destination = Notifies.all(message, NotifyType.NAT_DETECTION_DESTINATION_IP).stream()
            .map(NotifyPayload::data).toList();
        sa.localBehindNat = sa.profile.forceEncapsulation();
        if (source.isEmpty() || destination.isEmpty())
        {
            return;
        }
        sa.peerNatDetection = true;
        sa.remoteBehindNat = NatDetection.translated(sa.initiatorSpi, responderSpi, sa.remote, source);
        sa.localBehindNat |= NatDetection.translated(sa.initiatorSpi, responderSpi, sa.local, destination);
    }

    private TaskStatus deriveKeys(final Proposal chosen, final byte[] peerPublicValue)
    {
        final Transform encryption = chosen.transformsOf(TransformType.ENCRYPTION).getFirst();
        final List<Transform> integrity = chosen.transformsOf(TransformType.INTEGRITY);
        final Optional<Prf> prf = Prf.forId(chosen.transformsOf(TransformType.PRF).getFirst().id(),
            WeakAlgorithms.ALLOW);
        final Optional<SkCipherSuite> suite = SkCipherSuite.of(encryption.id(), encryption.keyLength(),
            integrity.isEmpty() ? 0 : integrity.getFirst().id(), WeakAlgorithms.ALLOW);
        if (prf.isEmpty() || suite.isEmpty())
        {
            return sa.fail("negotiated IKE suite " + chosen.transforms() + " is not implemented");
        }
        final SharedSecretResult shared = sa.keyExchange.sharedSecret(peerPublicValue);
        if (!shared.isSuccess())
        {
            return sa.fail("the peer's key exchange value was refused: " + shared.failure());
        }
        final byte[] secret = shared.secret();
        try
        {
            sa.ikeProposal = chosen;
            sa.prf = prf.get();
            sa.suite = suite.get();
            sa.keys = IkeKeyDerivation.initialKeys(sa.prf, sa.suite, sa.initiatorNonce, sa.responderNonce, secret,
                spiBytes(sa.initiatorSpi), spiBytes(sa.responderSpi));
            sa.ciphers = sa.keys.ciphers(sa.suite, sa.random);
        }
        finally
        {
            Arrays.fill(secret, (byte)0);
        }
        if (initiator)
        {
            sa.destroyKeyExchange();
        }
        return TaskStatus.DONE;
    }

    private static byte[] spiBytes(final long spi)
    {
        return ByteBuffer.allocate(Long.BYTES).putLong(spi).array();
    }

    private byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        sa.random.nextBytes(bytes);
        return bytes;
    }
}
