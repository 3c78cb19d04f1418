package io.torii.ike.proposal;

import static io.torii.ike.proposal.ProposalTestSupport.error;
import static io.torii.ike.proposal.ProposalTestSupport.names;
import static io.torii.ike.proposal.ProposalTestSupport.parse;
import static io.torii.ike.proposal.ProposalTestSupport.parseWeak;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proposal strings as swanctl users write them, and the proposals strongSwan 5.9 makes of them.
 */
class ProposalStringParserTest
{
    @ParameterizedTest(name = "IKE {0}")
    @CsvSource(delimiter = '|', value = {
        "aes256gcm16-prfsha384-ecp384 | ENCR_AES_GCM_16/256 PRF_HMAC_SHA2_384 ECP_384",
        // The PRF follows from the integrity algorithm when no prf keyword is given, appended last.
        "aes128-sha256-x25519 | ENCR_AES_CBC/128 AUTH_HMAC_SHA2_256_128 CURVE_25519 PRF_HMAC_SHA2_256",
        "aes256-aes128-sha512-sha256-modp4096-modp2048 | ENCR_AES_CBC/256 ENCR_AES_CBC/128 " +
            "AUTH_HMAC_SHA2_512_256 AUTH_HMAC_SHA2_256_128 MODP_4096 MODP_2048 PRF_HMAC_SHA2_512 PRF_HMAC_SHA2_256",
        "chacha20poly1305-prfsha256-curve25519 | ENCR_CHACHA20_POLY1305 PRF_HMAC_SHA2_256 CURVE_25519",
        // An explicit PRF wins: nothing is derived from sha384.
        "aes256-sha384-prfsha512-ecp521 | ENCR_AES_CBC/256 AUTH_HMAC_SHA2_384_192 PRF_HMAC_SHA2_512 ECP_521",
        // An AEAD proposal drops its integrity algorithm, but the PRF derived from it stays.
        "aes128gcm16-sha256-x25519 | ENCR_AES_GCM_16/128 CURVE_25519 PRF_HMAC_SHA2_256",
        "aes128-aesxcbc-modp3072 | ENCR_AES_CBC/128 AUTH_AES_XCBC_96 MODP_3072 PRF_AES128_XCBC",
        "camellia256-aescmac-ecp256bp | ENCR_CAMELLIA_CBC/256 AUTH_AES_CMAC_96 ECP_256_BP PRF_AES128_CMAC",
        "aes256gcm16-prfsha384-x25519-mlkem768 | ENCR_AES_GCM_16/256 PRF_HMAC_SHA2_384 CURVE_25519 ML_KEM_768",
        // none makes no sense in IKE and is dropped, as strongSwan does.
        "aes128ctr-sha256-none-ecp256 | ENCR_AES_CTR/128 AUTH_HMAC_SHA2_256_128 ECP_256 PRF_HMAC_SHA2_256",
        "AES128-SHA256-X25519 | ENCR_AES_CBC/128 AUTH_HMAC_SHA2_256_128 CURVE_25519 PRF_HMAC_SHA2_256",
        // Repeated keywords are listed once.
        "aes128-aes128-sha256-x25519-curve25519 | ENCR_AES_CBC/128 AUTH_HMAC_SHA2_256_128 CURVE_25519 " +
            "PRF_HMAC_SHA2_256"})
    void ikeProposals(final String text, final String expected)
    {
        final List<Proposal> proposals = parse(Proposal.IKE, text);
        assertThat(proposals).hasSize(1);
        assertThat(proposals.getFirst().protocol()).isEqualTo(Proposal.IKE);
        assertThat(names(proposals.getFirst().transforms())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ESP {0}")
    @CsvSource(delimiter = '|', value = {
        "aes128gcm16-x25519-esn | ENCR_AES_GCM_16/128 CURVE_25519 ESN",
        "aes256gcm128 | ENCR_AES_GCM_16/256 NO_ESN",
        "aes128ctr | ENCR_AES_CTR/128 NO_ESN",
        "aes128-sha256 | ENCR_AES_CBC/128 AUTH_HMAC_SHA2_256_128 NO_ESN",
        "aes256-sha512-modp3072-none | ENCR_AES_CBC/256 AUTH_HMAC_SHA2_512_256 MODP_3072 NONE NO_ESN",
        "aes128gcm16-esn-noesn | ENCR_AES_GCM_16/128 ESN NO_ESN",
        // ESP takes no PRF: strongSwan drops it silently.
        "aes128-prfsha256-sha256 | ENCR_AES_CBC/128 AUTH_HMAC_SHA2_256_128 NO_ESN",
        // The integrity algorithm of an AEAD proposal is dropped (RFC 7296 §3.3).
        "aes256gcm16-sha256 | ENCR_AES_GCM_16/256 NO_ESN",
        "aes192gmac | ENCR_NULL_AUTH_AES_GMAC/192 NO_ESN",
        "null-sha256 | ENCR_NULL AUTH_HMAC_SHA2_256_128 NO_ESN",
        "aes128ccm12-ecp384 | ENCR_AES_CCM_12/128 ECP_384 NO_ESN"})
    void espProposals(final String text, final String expected)
    {
        final List<Proposal> proposals = parse(Proposal.ESP, text);
        assertThat(proposals.getFirst().protocol()).isEqualTo(Proposal.ESP);
        assertThat(names(proposals.getFirst().transforms())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "AH {0}")
    @CsvSource(delimiter = '|', value = {
        "sha256 | AUTH_HMAC_SHA2_256_128 NO_ESN",
        "sha384-sha256-esn | AUTH_HMAC_SHA2_384_192 AUTH_HMAC_SHA2_256_128 ESN",
        // AES-GMAC is written as a cipher but is an integrity algorithm in AH (RFC 4543).
        "aes256gmac-sha256 | AUTH_AES_256_GMAC AUTH_HMAC_SHA2_256_128 NO_ESN",
        "aes128gmac-ecp256 | AUTH_AES_128_GMAC ECP_256 NO_ESN"})
    void ahProposals(final String text, final String expected)
    {
        assertThat(names(parse(Proposal.AH, text).getFirst().transforms())).isEqualTo(expected);
    }

    @Test
    void severalStringsAreSeveralProposalsNumberedFromOne()
    {
        final List<Proposal> proposals = parse(Proposal.ESP, "aes128gcm16-x25519, aes128-sha256-x25519");
        assertThat(proposals).extracting(Proposal::number).containsExactly(1, 2);
        assertThat(proposals).allSatisfy(p -> assertThat(p.spi()).isEmpty());
        assertThat(names(proposals.get(1).transforms()))
            .isEqualTo("ENCR_AES_CBC/128 AUTH_HMAC_SHA2_256_128 CURVE_25519 NO_ESN");
        final ProposalParseResult fromList = ProposalStringParser.parse(Proposal.ESP,
            List.of("aes128gcm16-x25519", "aes128-sha256-x25519"), false);
        assertThat(fromList).isEqualTo(new ProposalParseResult.Parsed(proposals, false));
    }

    @Test
    void trailingExclamationMarkIsAcceptedAndReported()
    {
        final ProposalParseResult result = ProposalStringParser.parse(Proposal.IKE, "aes256-sha512-modp4096!", false);
        assertThat(result).isInstanceOf(ProposalParseResult.Parsed.class);
        final ProposalParseResult.Parsed parsed = (ProposalParseResult.Parsed) result;
        assertThat(parsed.strict()).isTrue();
        assertThat(names(parsed.proposals().getFirst().transforms()))
            .isEqualTo("ENCR_AES_CBC/256 AUTH_HMAC_SHA2_512_256 MODP_4096 PRF_HMAC_SHA2_512");
        final ProposalParseResult plain = ProposalStringParser.parse(Proposal.IKE, "aes256-sha512-modp4096", false);
        assertThat(((ProposalParseResult.Parsed) plain).strict()).isFalse();
        assertThat(((ProposalParseResult.Parsed) plain).proposals()).isEqualTo(parsed.proposals());
    }

    @Test
    void weakAlgorithmsAreAcceptedWhenAllowed()
    {
        assertThat(names(parseWeak(Proposal.IKE, "aes128-sha1-modp1024").getFirst().transforms()))
            .isEqualTo("ENCR_AES_CBC/128 AUTH_HMAC_SHA1_96 MODP_1024 PRF_HMAC_SHA1");
        assertThat(names(parseWeak(Proposal.ESP, "3des-md5").getFirst().transforms()))
            .isEqualTo("ENCR_3DES AUTH_HMAC_MD5_96 NO_ESN");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "3des-sha256-x25519 | keyword 1 '3des' is weak | RFC 8221",
        "des-sha256-x25519 | keyword 1 'des' is weak | RFC 8221",
        "blowfish256-sha256-x25519 | keyword 1 'blowfish256' is weak | 64-bit block",
        "aes128-md5-x25519 | keyword 2 'md5' is weak | RFC 8247",
        "aes128-sha1-x25519 | keyword 2 'sha1' is weak | SHA-1",
        "aes128-sha-x25519 | keyword 2 'sha' is weak | SHA-1",
        "aes128gcm16-prfsha1-x25519 | keyword 2 'prfsha1' is weak | RFC 8247 §2.2",
        "aes128gcm16-prfmd5-x25519 | keyword 2 'prfmd5' is weak | MD5",
        "aes128gcm16-prfsha256-modp768 | keyword 3 'modp768' is weak | RFC 8247 §2.4",
        "aes128gcm16-prfsha256-modp1024 | keyword 3 'modp1024' is weak | 1024-bit",
        "aes128gcm16-prfsha256-modp1536 | keyword 3 'modp1536' is weak | 1536-bit",
        "aes128gcm16-prfsha256-modp1024s160 | keyword 3 'modp1024s160' is weak | RFC 5114",
        "aes128gcm16-prfsha256-modp2048s224 | keyword 3 'modp2048s224' is weak | RFC 5114",
        "aes128gcm16-prfsha256-modp2048s256 | keyword 3 'modp2048s256' is weak | RFC 5114"})
    void weakAlgorithmsAreRefusedByDefault(final String text, final String what, final String why)
    {
        final String message = error(Proposal.IKE, text);
        assertThat(message).contains("proposals, proposal 1 '" + text + "'", what, why, "allow weak");
        assertThat(parseWeak(Proposal.IKE, text)).hasSize(1);
    }
}
