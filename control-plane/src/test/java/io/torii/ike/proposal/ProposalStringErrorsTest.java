package io.torii.ike.proposal;

import static io.torii.ike.proposal.ProposalTestSupport.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invalid proposal strings: each gives a message that tells a swanctl user where the problem is and
 * what would be right, and none throws.
 */
class ProposalStringErrorsTest
{
    @Test
    void unknownKeywordIsNamedWithItsPositionAndTheExpectedFamilies()
    {
        final String message = error(Proposal.IKE, "aes128-sha256-x25519, aes128-shaa256-x25519");
        assertThat(message).startsWith("proposals, proposal 2 'aes128-shaa256-x25519': keyword 2 'shaa256'")
            .contains("not a known algorithm", "expected an encryption algorithm", "integrity algorithm (sha256",
                "key exchange method (x25519", "esn/noesn");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "1 | aes128gcm16-aes128-sha256-x25519 | AEAD cipher ENCR_AES_GCM_16/128 and classic cipher " +
            "ENCR_AES_CBC/128 cannot share one IKE proposal",
        "3 | aes128-aes256gcm16 | cannot share one ESP proposal: write them as two proposals",
        "1 | aes128-prfsha256-x25519 | IKE proposal with classic cipher ENCR_AES_CBC/128 needs an integrity",
        "1 | aes128-sha256 | IKE proposal needs a key exchange method",
        "1 | aes128-sha256-none | IKE proposal needs a key exchange method",
        "1 | aes128gcm16-x25519 | IKE proposal needs a PRF",
        "1 | sha256-prfsha256-x25519 | IKE proposal needs an encryption algorithm",
        "1 | aes128-sha256-x25519-esn | esn and noesn apply to ESP and AH proposals only",
        "1 | null-sha256-x25519 | ENCR_NULL does not encrypt",
        "1 | aes128gmac-prfsha256-x25519 | ENCR_NULL_AUTH_AES_GMAC/128 does not encrypt",
        "3 | sha256-x25519 | ESP proposal needs an encryption algorithm",
        "2 | aes128-sha256 | AH does not encrypt, so an AH proposal takes no ENCR_AES_CBC/128",
        "2 | aes128gcm16 | AH does not encrypt",
        "2 | modp2048 | AH proposal needs an integrity algorithm",
        "3 | aes128--sha256 | keyword 2 is empty",
        "3 | -aes128 | keyword 1 is empty",
        "3 | aes128-sha256- | keyword 3 is empty"})
    void invalidProposalsSayWhy(final int protocol, final String text, final String expected)
    {
        assertThat(error(protocol, text)).contains(expected);
    }

    @Test
    void emptyInputIsRefused()
    {
        assertThat(error(Proposal.ESP, "")).isEqualTo("esp_proposals, proposal 1 is empty");
        assertThat(error(Proposal.ESP, "aes128gcm16,,aes256gcm16")).isEqualTo("esp_proposals, proposal 2 is empty");
        assertThat(error(Proposal.AH, "!")).isEqualTo("ah_proposals, proposal 1 is empty");
        assertThat(ProposalStringParser.parse(Proposal.IKE, (String) null, false))
            .isInstanceOf(ProposalParseResult.Invalid.class);
        assertThat(ProposalStringParser.parse(Proposal.IKE, List.of(), false))
            .isEqualTo(new ProposalParseResult.Invalid("proposals: no proposals given"));
        assertThat(ProposalStringParser.parse(9, "aes128", false)).isInstanceOf(ProposalParseResult.Invalid.class);
    }

    @Test
    void moreProposalsThanAnSaPayloadCanNumberAreRefused()
    {
        final List<String> strings = new ArrayList<>(Collections.nCopies(255, "aes128gcm16"));
        assertThat(ProposalStringParser.parse(Proposal.ESP, strings, false))
            .isInstanceOf(ProposalParseResult.Parsed.class);
        strings.add("aes256gcm16");
        assertThat(error(Proposal.ESP, String.join(",", strings))).contains("more than 255 proposals");
    }
}
