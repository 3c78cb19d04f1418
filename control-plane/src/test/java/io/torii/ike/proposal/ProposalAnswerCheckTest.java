package io.torii.ike.proposal;

import static io.torii.ike.proposal.ProposalTestSupport.parse;
import static io.torii.ike.proposal.ProposalTestSupport.peer;
import static io.torii.ike.proposal.ProposalTestSupport.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The initiator's check of the responder's SA payload (RFC 7296 §2.7).
 */
class ProposalAnswerCheckTest
{
    private static final byte[] SPI = {0x0A, 0x0B, 0x0C, 0x0D};
    private static final List<Proposal> OFFERED_IKE =
        parse(Proposal.IKE, "aes256gcm16-aes128gcm16-prfsha384-prfsha256-ecp384-x25519, aes128-sha256-modp3072");

    private static SelectionFailure failure(final List<Proposal> offered, final List<Proposal> answer)
    {
        final SelectionResult result = ProposalAnswerCheck.check(offered, answer);
        assertThat(result).isInstanceOf(SelectionResult.Rejected.class);
        return ((SelectionResult.Rejected) result).failure();
    }

    @Test
    void answerMadeBySelectionIsAccepted()
    {
        final SelectionResult selection = ProposalSelector.select(
            parse(Proposal.IKE, "aes128gcm16-prfsha256-x25519"), OFFERED_IKE, SelectionPreference.CONFIGURED);
        final Proposal answer = ((SelectionResult.Selected) selection).proposal();
        assertThat(ProposalAnswerCheck.check(OFFERED_IKE, List.of(answer)))
            .isEqualTo(new SelectionResult.Selected(answer));
    }

    @Test
    void answerIsOneProposal()
    {
        final Proposal one = peer(2, Proposal.IKE, new byte[0], "aes128-sha256-modp3072");
        assertThat(ProposalAnswerCheck.check(OFFERED_IKE, List.of(one))).isInstanceOf(SelectionResult.Selected.class);
        assertThat(failure(OFFERED_IKE, List.of(one, one))).isEqualTo(SelectionFailure.NOT_ONE_PROPOSAL);
        assertThat(failure(OFFERED_IKE, List.of())).isEqualTo(SelectionFailure.NOT_ONE_PROPOSAL);
    }

    @Test
    void answerCarriesAProposalNumberWeOfferedForThatProtocol()
    {
        assertThat(failure(OFFERED_IKE, List.of(peer(3, Proposal.IKE, new byte[0], "aes128-sha256-modp3072"))))
            .isEqualTo(SelectionFailure.UNKNOWN_PROPOSAL);
        assertThat(failure(OFFERED_IKE, List.of(peer(2, Proposal.ESP, SPI, "aes128-sha256-modp3072"))))
            .isEqualTo(SelectionFailure.UNKNOWN_PROPOSAL);
    }

    @Test
    void answerHoldsOneTransformPerType()
    {
        assertThat(failure(OFFERED_IKE,
            List.of(peer(1, Proposal.IKE, new byte[0], "aes256gcm16-aes128gcm16-prfsha384-x25519"))))
            .isEqualTo(SelectionFailure.NOT_ONE_TRANSFORM_PER_TYPE);
    }

    @Test
    void answerHoldsOnlyWhatWeOffered()
    {
        // Same cipher, other key length.
        assertThat(failure(OFFERED_IKE, List.of(peer(2, Proposal.IKE, new byte[0], "aes256-sha256-modp3072"))))
            .isEqualTo(SelectionFailure.TRANSFORM_NOT_OFFERED);
        // An integrity transform in an answer to an AEAD proposal.
        final Proposal aead = peer(1, Proposal.IKE, new byte[0], "aes128gcm16-prfsha256-x25519");
        final List<Transform> withInteg = new ArrayList<>(aead.transforms());
        withInteg.add(Transform.of(TransformType.INTEGRITY, IntegrityAlgorithm.HMAC_SHA2_256_128));
        assertThat(failure(OFFERED_IKE, List.of(new Proposal(1, Proposal.IKE, new byte[0], withInteg))))
            .isEqualTo(SelectionFailure.TRANSFORM_NOT_OFFERED);
        // A transform type we do not know at all.
        final List<Transform> withUnknownType = new ArrayList<>(aead.transforms());
        withUnknownType.add(Transform.of(6, 1));
        assertThat(failure(OFFERED_IKE, List.of(new Proposal(1, Proposal.IKE, new byte[0], withUnknownType))))
            .isEqualTo(SelectionFailure.TRANSFORM_NOT_OFFERED);
    }

    @Test
    void answerLacksNoTypeWeRequire()
    {
        final Proposal noKe = without(peer(2, Proposal.IKE, new byte[0], "aes128-sha256-modp3072"),
            TransformType.KEY_EXCHANGE);
        final SelectionResult result = ProposalAnswerCheck.check(OFFERED_IKE, List.of(noKe));
        assertThat(result).isEqualTo(new SelectionResult.Rejected(SelectionFailure.MISSING_TRANSFORM,
            "the responder chose no KE transform in IKE#2[ENCR_AES_CBC/128 AUTH_HMAC_SHA2_256_128 " +
            "PRF_HMAC_SHA2_256]"));
    }

    @Test
    void espAnswerWithoutEsnMeansNoEsn()
    {
        final Proposal answer = without(peer(1, Proposal.ESP, SPI, "aes128gcm16"),
            TransformType.EXTENDED_SEQUENCE_NUMBERS);
        assertThat(ProposalAnswerCheck.check(parse(Proposal.ESP, "aes128gcm16"), List.of(answer)))
            .isInstanceOf(SelectionResult.Selected.class);
        assertThat(failure(parse(Proposal.ESP, "aes128gcm16-esn"), List.of(answer)))
            .isEqualTo(SelectionFailure.TRANSFORM_NOT_OFFERED);
    }

    @Test
    void espAnswerMayLeaveOutPfsOnlyWhenWeAcceptedNone()
    {
        final Proposal answer = peer(1, Proposal.ESP, SPI, "aes128gcm16");
        assertThat(ProposalAnswerCheck.check(parse(Proposal.ESP, "aes128gcm16-x25519-none"), List.of(answer)))
            .isInstanceOf(SelectionResult.Selected.class);
        assertThat(failure(parse(Proposal.ESP, "aes128gcm16-x25519"), List.of(answer)))
            .isEqualTo(SelectionFailure.TRANSFORM_NOT_OFFERED);
    }
}
