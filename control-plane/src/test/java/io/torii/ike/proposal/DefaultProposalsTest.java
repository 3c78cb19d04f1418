package io.torii.ike.proposal;

import static io.torii.ike.proposal.ProposalTestSupport.names;
import static io.torii.ike.proposal.ProposalTestSupport.parse;
import static io.torii.ike.proposal.ProposalTestSupport.parseWeak;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code default} keyword: strongSwan 5.9.8's default proposals (proposal.c,
 * proposal_create_default and proposal_create_default_aead).
 */
class DefaultProposalsTest
{
    private static final String IKE_PRFS_AND_GROUPS = " PRF_HMAC_SHA2_256 PRF_HMAC_SHA2_384 PRF_HMAC_SHA2_512 " +
        "PRF_AES128_XCBC PRF_AES128_CMAC%s ECP_256 ECP_384 ECP_521 ECP_256_BP ECP_384_BP ECP_512_BP CURVE_25519 " +
        "CURVE_448 MODP_3072 MODP_4096 MODP_6144 MODP_8192 MODP_2048";

    @Test
    void ikeDefaultIsAClassicAndAnAeadProposal()
    {
        final List<Proposal> proposals = parse(Proposal.IKE, "default");
        assertThat(proposals).extracting(Proposal::number).containsExactly(1, 2);
        assertThat(names(proposals.get(0).transforms())).isEqualTo(
            "ENCR_AES_CBC/128 ENCR_AES_CBC/192 ENCR_AES_CBC/256 ENCR_AES_CTR/128 ENCR_AES_CTR/192 ENCR_AES_CTR/256 " +
            "ENCR_CAMELLIA_CBC/128 ENCR_CAMELLIA_CBC/192 ENCR_CAMELLIA_CBC/256 AUTH_HMAC_SHA2_256_128 " +
            "AUTH_HMAC_SHA2_384_192 AUTH_HMAC_SHA2_512_256 AUTH_AES_XCBC_96 AUTH_AES_CMAC_96" +
            IKE_PRFS_AND_GROUPS.formatted(""));
        assertThat(names(proposals.get(1).transforms())).isEqualTo(
            "ENCR_AES_GCM_16/128 ENCR_AES_GCM_16/192 ENCR_AES_GCM_16/256 ENCR_AES_CCM_16/128 ENCR_AES_CCM_16/192 " +
            "ENCR_AES_CCM_16/256 ENCR_CHACHA20_POLY1305 ENCR_AES_GCM_12/128 ENCR_AES_GCM_12/192 " +
            "ENCR_AES_GCM_12/256 ENCR_AES_GCM_8/128 ENCR_AES_GCM_8/192 ENCR_AES_GCM_8/256 ENCR_AES_CCM_12/128 " +
            "ENCR_AES_CCM_12/192 ENCR_AES_CCM_12/256 ENCR_AES_CCM_8/128 ENCR_AES_CCM_8/192 ENCR_AES_CCM_8/256" +
            IKE_PRFS_AND_GROUPS.formatted(""));
    }

    @Test
    void ikeDefaultKeepsStrongSwansWeakMembersOnlyWhenAllowed()
    {
        final List<Proposal> proposals = parseWeak(Proposal.IKE, "default");
        final String classic = names(proposals.get(0).transforms());
        assertThat(classic).contains("ENCR_CAMELLIA_CBC/256 ENCR_3DES AUTH_HMAC_SHA2_256_128",
            "AUTH_AES_CMAC_96 AUTH_HMAC_SHA1_96 PRF_HMAC_SHA2_256", IKE_PRFS_AND_GROUPS.formatted(" PRF_HMAC_SHA1"));
        assertThat(names(proposals.get(1).transforms())).endsWith(IKE_PRFS_AND_GROUPS.formatted(" PRF_HMAC_SHA1"));
    }

    @Test
    void espDefaultIsAesCbcThenAesGcm()
    {
        final List<Proposal> proposals = parse(Proposal.ESP, "default");
        assertThat(proposals).hasSize(2);
        assertThat(names(proposals.get(0).transforms())).isEqualTo("ENCR_AES_CBC/128 ENCR_AES_CBC/192 " +
            "ENCR_AES_CBC/256 AUTH_HMAC_SHA2_256_128 AUTH_HMAC_SHA2_384_192 AUTH_HMAC_SHA2_512_256 " +
            "AUTH_AES_XCBC_96 NO_ESN");
        assertThat(names(proposals.get(1).transforms()))
            .isEqualTo("ENCR_AES_GCM_16/128 ENCR_AES_GCM_16/192 ENCR_AES_GCM_16/256 NO_ESN");
        assertThat(names(parseWeak(Proposal.ESP, "default").get(0).transforms()))
            .contains("AUTH_HMAC_SHA2_512_256 AUTH_HMAC_SHA1_96 AUTH_AES_XCBC_96");
    }

    @Test
    void ahDefaultIsOneIntegrityProposal()
    {
        final List<Proposal> proposals = parse(Proposal.AH, "DEFAULT");
        assertThat(proposals).hasSize(1);
        assertThat(names(proposals.getFirst().transforms())).isEqualTo(
            "AUTH_HMAC_SHA2_256_128 AUTH_HMAC_SHA2_384_192 AUTH_HMAC_SHA2_512_256 AUTH_AES_XCBC_96 NO_ESN");
    }

    @Test
    void defaultMixesWithExplicitProposalsAndKeepsTheNumbering()
    {
        final List<Proposal> proposals = parse(Proposal.ESP, "aes256gcm16-x25519, default");
        assertThat(proposals).extracting(Proposal::number).containsExactly(1, 2, 3);
        assertThat(names(proposals.get(0).transforms())).isEqualTo("ENCR_AES_GCM_16/256 CURVE_25519 NO_ESN");
        assertThat(names(proposals.get(2).transforms())).startsWith("ENCR_AES_GCM_16/128");
    }

    @Test
    void everyDefaultProposalPassesTheRulesAProposalStringMust()
    {
        for (final int protocol : new int[] {Proposal.IKE, Proposal.ESP, Proposal.AH})
        {
            for (final boolean allowWeak : new boolean[] {false, true})
            {
                for (final List<Transform> transforms : DefaultProposals.transforms(protocol, allowWeak))
                {
                    final List<Transform> checked = new ArrayList<>(transforms);
                    assertThat(ProposalRules.apply(protocol, checked)).isEmpty();
                    assertThat(checked).isEqualTo(transforms);
                    if (!allowWeak)
                    {
                        assertThat(transforms).noneMatch(WeakAlgorithms::isWeak);
                    }
                }
            }
        }
    }
}
