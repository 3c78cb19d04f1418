package io.torii.ike.proposal;

import static io.torii.ike.proposal.ProposalTestSupport.names;
import static io.torii.ike.proposal.ProposalTestSupport.parse;
import static io.torii.ike.proposal.ProposalTestSupport.peer;
import static io.torii.ike.proposal.ProposalTestSupport.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Responder-side proposal selection (RFC 7296 §2.7, §3.3.6).
 */
class ProposalSelectorTest
{
    private static final byte[] PEER_SPI = {(byte) 0xC0, 0x01, 0x02, 0x03};

    private static Proposal selected(final SelectionResult result)
    {
        assertThat(result).isInstanceOf(SelectionResult.Selected.class);
        return ((SelectionResult.Selected) result).proposal();
    }

    private static String rejection(final SelectionResult result)
    {
        assertThat(result).isInstanceOf(SelectionResult.Rejected.class);
        final SelectionResult.Rejected rejected = (SelectionResult.Rejected) result;
        assertThat(rejected.failure()).isEqualTo(SelectionFailure.NO_PROPOSAL_CHOSEN);
        return rejected.explanation();
    }

    @Test
    void sameCipherWithAnotherKeyLengthDoesNotMatch()
    {
        final List<Proposal> ours = parse(Proposal.ESP, "aes128-sha256");
        final List<Proposal> offered = List.of(peer(1, Proposal.ESP, PEER_SPI, "aes256-sha256"));
        assertThat(rejection(ProposalSelector.select(ours, offered, SelectionPreference.CONFIGURED)))
            .isEqualTo("ours #1 vs offered #1: no common ENCR");
    }

    @Test
    void resultHasOneTransformPerTypeAndThePeersNumberAndSpi()
    {
        final List<Proposal> ours = parse(Proposal.ESP, "aes256-aes128-sha512-sha256-x25519-esn-noesn");
        final List<Proposal> offered = List.of(
            peer(4, Proposal.ESP, PEER_SPI, "aes128-aes256-sha256-sha512-ecp256-x25519-noesn-esn"));
        final Proposal chosen = selected(ProposalSelector.select(ours, offered, SelectionPreference.CONFIGURED));
        assertThat(chosen.number()).isEqualTo(4);
        assertThat(chosen.spi()).isEqualTo(PEER_SPI);
        assertThat(chosen.protocol()).isEqualTo(Proposal.ESP);
        assertThat(names(chosen.transforms()))
            .isEqualTo("ENCR_AES_CBC/256 AUTH_HMAC_SHA2_512_256 CURVE_25519 ESN");
    }

    @Test
    void peerPreferenceTakesThePeersTransformOrder()
    {
        final List<Proposal> ours = parse(Proposal.IKE, "aes256-aes128-sha512-sha256-x25519-ecp256");
        final List<Proposal> offered = List.of(peer(1, Proposal.IKE, new byte[0],
            "aes128-aes256-sha256-sha512-prfsha256-prfsha512-ecp256-x25519"));
        final Proposal chosen = selected(ProposalSelector.select(ours, offered, SelectionPreference.OFFERED));
        assertThat(names(chosen.transforms()))
            .isEqualTo("ENCR_AES_CBC/128 PRF_HMAC_SHA2_256 AUTH_HMAC_SHA2_256_128 ECP_256");
        final Proposal oursFirst = selected(ProposalSelector.select(ours, offered, SelectionPreference.CONFIGURED));
        assertThat(names(oursFirst.transforms()))
            .isEqualTo("ENCR_AES_CBC/256 PRF_HMAC_SHA2_512 AUTH_HMAC_SHA2_512_256 CURVE_25519");
    }

    @Test
    void proposalOrderFollowsThePreference()
    {
        final List<Proposal> ours = parse(Proposal.IKE, "aes256gcm16-prfsha384-ecp384, aes128-sha256-x25519");
        final List<Proposal> offered = List.of(
            peer(1, Proposal.IKE, new byte[0], "aes128-sha256-x25519"),
            peer(2, Proposal.IKE, new byte[0], "aes256gcm16-prfsha384-ecp384"));
        final Proposal configuredFirst =
            selected(ProposalSelector.select(ours, offered, SelectionPreference.CONFIGURED));
        assertThat(configuredFirst.number()).isEqualTo(2);
        assertThat(names(configuredFirst.transforms())).isEqualTo("ENCR_AES_GCM_16/256 PRF_HMAC_SHA2_384 ECP_384");
        final Proposal offeredFirst = selected(ProposalSelector.select(ours, offered, SelectionPreference.OFFERED));
        assertThat(offeredFirst.number()).isEqualTo(1);
        assertThat(names(offeredFirst.transforms()))
            .isEqualTo("ENCR_AES_CBC/128 PRF_HMAC_SHA2_256 AUTH_HMAC_SHA2_256_128 CURVE_25519");
    }

    @Test
    void esnMustAgree()
    {
        final List<Proposal> ours = parse(Proposal.ESP, "aes128gcm16-esn");
        final List<Proposal> offered = List.of(peer(1, Proposal.ESP, PEER_SPI, "aes128gcm16-noesn"));
        assertThat(rejection(ProposalSelector.select(ours, offered, SelectionPreference.CONFIGURED)))
            .contains("no common ESN");
    }

    @Test
    void absentEsnInEspMeansNoEsn()
    {
        final Proposal noEsnType = without(peer(1, Proposal.ESP, PEER_SPI, "aes128gcm16"),
            TransformType.EXTENDED_SEQUENCE_NUMBERS);
        assertThat(names(selected(ProposalSelector.select(parse(Proposal.ESP, "aes128gcm16-esn-noesn"),
            List.of(noEsnType), SelectionPreference.CONFIGURED)).transforms()))
            .isEqualTo("ENCR_AES_GCM_16/128 NO_ESN");
        assertThat(rejection(ProposalSelector.select(parse(Proposal.ESP, "aes128gcm16-esn"), List.of(noEsnType),
            SelectionPreference.CONFIGURED))).contains("no common ESN");
    }

    @Test
    void ikeProposalsHaveNoEsn()
    {
        final List<Proposal> ours = parse(Proposal.IKE, "aes128gcm16-prfsha256-x25519");
        final Proposal chosen = selected(ProposalSelector.select(ours,
            List.of(peer(1, Proposal.IKE, new byte[0], "aes128gcm16-prfsha256-x25519")),
            SelectionPreference.CONFIGURED));
        assertThat(chosen.transformsOf(TransformType.EXTENDED_SEQUENCE_NUMBERS)).isEmpty();
    }

    @Test
    void pfsGroupMustBeOfferedUnlessNoneIsAccepted()
    {
        final Proposal noPfs = peer(1, Proposal.ESP, PEER_SPI, "aes128gcm16");
        assertThat(rejection(ProposalSelector.select(parse(Proposal.ESP, "aes128gcm16-x25519"), List.of(noPfs),
            SelectionPreference.CONFIGURED))).isEqualTo("ours #1 vs offered #1: no common KE");
        assertThat(names(selected(ProposalSelector.select(parse(Proposal.ESP, "aes128gcm16-x25519-none"),
            List.of(noPfs), SelectionPreference.CONFIGURED)).transforms()))
            .isEqualTo("ENCR_AES_GCM_16/128 NO_ESN");
        final List<Proposal> inIkeAuth =
            KeyExchangeGroups.withoutKeyExchange(parse(Proposal.ESP, "aes128gcm16-x25519"));
        assertThat(selected(ProposalSelector.select(inIkeAuth, List.of(noPfs), SelectionPreference.CONFIGURED))
            .number()).isEqualTo(1);
    }

    @Test
    void otherProtocolsNeverMatch()
    {
        final List<Proposal> ours = parse(Proposal.ESP, "aes128gcm16, aes128-sha256");
        final List<Proposal> offered = List.of(peer(1, Proposal.AH, PEER_SPI, "sha256"),
            peer(2, Proposal.ESP, PEER_SPI, "aes256gcm16"));
        assertThat(rejection(ProposalSelector.select(ours, offered, SelectionPreference.CONFIGURED)))
            .isEqualTo("ours #1 vs offered #1: protocol ESP vs AH; ours #1 vs offered #2: no common ENCR; " +
                "ours #2 vs offered #1: protocol ESP vs AH; ours #2 vs offered #2: no common ENCR, INTEG");
    }

    @Test
    void typePresentOnOneSideOnlyIsAMismatch()
    {
        final List<Proposal> ours = parse(Proposal.IKE, "aes128-sha256-x25519");
        final Proposal withoutPrf = without(peer(1, Proposal.IKE, new byte[0], "aes128-sha256-x25519"),
            TransformType.PRF);
        assertThat(rejection(ProposalSelector.select(ours, List.of(withoutPrf), SelectionPreference.OFFERED)))
            .isEqualTo("ours #1 vs offered #1: no common PRF");
    }

    @Test
    void emptyListsAreExplained()
    {
        final List<Proposal> ours = parse(Proposal.ESP, "aes128gcm16");
        assertThat(rejection(ProposalSelector.select(ours, List.of(), SelectionPreference.CONFIGURED)))
            .isEqualTo("the peer offered no proposals");
        assertThat(rejection(ProposalSelector.select(List.of(), ours, SelectionPreference.OFFERED)))
            .isEqualTo("no proposals are configured");
    }

    @Test
    void defaultProposalsAgreeWithAStrongSwanStyleOffer()
    {
        final List<Proposal> ours = parse(Proposal.IKE, "default");
        final Proposal chosen = selected(ProposalSelector.select(ours,
            List.of(peer(1, Proposal.IKE, new byte[0], "aes256gcm16-prfsha384-ecp384")),
            SelectionPreference.CONFIGURED));
        assertThat(names(chosen.transforms())).isEqualTo("ENCR_AES_GCM_16/256 PRF_HMAC_SHA2_384 ECP_384");
    }
}
