package io.torii.ike.proposal;

import static io.torii.ike.proposal.ProposalTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The group of the KE payload and INVALID_KE_PAYLOAD handling (RFC 7296 §1.2, §1.3).
 */
class KeyExchangeGroupsTest
{
    @Test
    void initiatorGuessesTheFirstGroupOfItsFirstProposalWithOne()
    {
        assertThat(KeyExchangeGroups.initiatorGroup(
            parse(Proposal.IKE, "aes128gcm16-prfsha256-ecp384-x25519, aes128-sha256-modp3072")))
            .hasValue(KeyExchangeMethod.ECP_384);
        assertThat(KeyExchangeGroups.initiatorGroup(parse(Proposal.ESP, "aes128gcm16, aes128-sha256-none-modp3072")))
            .hasValue(KeyExchangeMethod.MODP_3072);
        assertThat(KeyExchangeGroups.initiatorGroup(parse(Proposal.ESP, "aes128gcm16-none"))).isEmpty();
    }

    @Test
    void responderNeedsTheGroupOfTheSelectedProposal()
    {
        final List<Proposal> ours = parse(Proposal.IKE, "aes128gcm16-prfsha256-x25519-ecp256");
        final List<Proposal> offered = parse(Proposal.IKE, "aes128gcm16-prfsha256-ecp256-x25519");
        final SelectionResult result = ProposalSelector.select(ours, offered, SelectionPreference.CONFIGURED);
        final Proposal selected = ((SelectionResult.Selected) result).proposal();
        assertThat(KeyExchangeGroups.selectedGroup(selected)).hasValue(KeyExchangeMethod.CURVE25519);
        // The initiator guessed ECP_256 from its own order, so the responder asks for Curve25519.
        assertThat(KeyExchangeGroups.initiatorGroup(offered)).hasValue(KeyExchangeMethod.ECP_256);
        assertThat(KeyExchangeGroups.selectedGroup(parse(Proposal.ESP, "aes128gcm16").getFirst())).isEmpty();
    }

    @Test
    void initiatorRetriesOnlyWithAGroupItOffered()
    {
        final List<Proposal> ours = parse(Proposal.IKE, "aes128gcm16-prfsha256-ecp384, aes128-sha256-modp3072");
        assertThat(KeyExchangeGroups.offers(ours, KeyExchangeMethod.MODP_3072)).isTrue();
        assertThat(KeyExchangeGroups.offers(ours, KeyExchangeMethod.ECP_384)).isTrue();
        assertThat(KeyExchangeGroups.offers(ours, KeyExchangeMethod.MODP_1024)).isFalse();
    }

    @Test
    void childSaInIkeAuthIsNegotiatedWithoutKeyExchange()
    {
        final List<Proposal> stripped =
            KeyExchangeGroups.withoutKeyExchange(parse(Proposal.ESP, "aes128gcm16-x25519-esn, aes256-sha256-none"));
        assertThat(stripped).hasSize(2);
        assertThat(stripped).allSatisfy(p -> assertThat(p.transformsOf(TransformType.KEY_EXCHANGE)).isEmpty());
        assertThat(stripped.getFirst().transformsOf(TransformType.EXTENDED_SEQUENCE_NUMBERS))
            .containsExactly(Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.YES));
    }
}
