package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Parsing what {@code torii list-sas} printed for real on this machine: a responder holding a stale IKE SA
 * and the one a restarted strongSwan made, and the counts the long-lived tunnel tests check on it.
 */
class ToriiSaListingTest
{
    private static final String TWO_IKE_SAS = """
        ab: #1, ESTABLISHED, IKEv2, c5bb9fc7a5a83f74_i f01e513f2d308b00_r*
          local  'torii.example' @ 192.0.2.1[4500]
          remote 'strongswan.example' @ 192.0.2.2[4500]
          AES_GCM_16-256/PRF_HMAC_SHA2_256/CURVE_25519
          established 32s ago, NAT-T: UDP encapsulation
          net: #1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256
            in  fe33cb3d,    840 bytes,    10 packets
            out 4c1dc142,   1480 bytes,    10 packets
            local  10.1.0.0/24
            remote 10.2.0.0/24
        ab: #2, ESTABLISHED, IKEv2, 1cd6a5f27cb02215_i* 73ca92ccabde6601_r
          local  'torii.example' @ 192.0.2.1[4500]
          remote 'strongswan.example' @ 192.0.2.3[4500]
          AES_GCM_16-256/PRF_HMAC_SHA2_256/CURVE_25519
          established 2s ago, NAT-T: UDP encapsulation
          net: #2, REKEYING, TUNNEL-in-UDP, ESP:AES_GCM_16-256
            in  3bdea36e
            out 8413743c
            local  10.1.0.0/24
            remote 10.2.0.0/24
        """;

    @Test
    void readsEachIkeSaWithItsSpisAndItsChildren()
    {
        final ToriiSaListing listing = ToriiSaListing.parse(TWO_IKE_SAS);

        assertThat(listing.ikeCount()).isEqualTo(2);
        assertThat(listing.ikeSas().getFirst().spis()).isEqualTo("c5bb9fc7a5a83f74_f01e513f2d308b00");
        assertThat(listing.ikeSas().get(1).spis()).as("the * of the side that initiated is not part of the SPI")
            .isEqualTo("1cd6a5f27cb02215_73ca92ccabde6601");
        assertThat(listing.ikeSas().getFirst().remote()).isEqualTo("192.0.2.2[4500]");
        assertThat(listing.ikeSas().get(1).remote()).isEqualTo("192.0.2.3[4500]");
        assertThat(listing.ikeSas().getFirst().children()).containsExactly(
            new ToriiSaListing.Child("net", "INSTALLED", "fe33cb3d", "4c1dc142"));
        assertThat(listing.ikeSas().get(1).children()).as("SPIs without traffic counters").containsExactly(
            new ToriiSaListing.Child("net", "REKEYING", "3bdea36e", "8413743c"));
        assertThat(listing.childCount("net")).isEqualTo(2);
        assertThat(listing.childCount("other")).isZero();
        assertThat(listing.isChildInstalled("net")).isTrue();
    }

    @Test
    void aChildNotInstalledOrUnderAnIkeSaNotEstablishedDoesNotCountAsInstalled()
    {
        final String rekeyingOnly = TWO_IKE_SAS.substring(TWO_IKE_SAS.indexOf("ab: #2"));
        assertThat(ToriiSaListing.parse(rekeyingOnly).isChildInstalled("net")).isFalse();
        final String connecting = TWO_IKE_SAS.replace("#1, ESTABLISHED", "#1, CONNECTING")
            .replace("#2, ESTABLISHED", "#2, DELETING");
        assertThat(ToriiSaListing.parse(connecting).isChildInstalled("net")).isFalse();
    }

    @Test
    void emptyOrForeignTextHasNoSas()
    {
        assertThat(ToriiSaListing.parse("").ikeSas()).isEmpty();
        assertThat(ToriiSaListing.parse("torii list-sas: no daemon runs with /run/torii\n").ikeSas()).isEmpty();
        assertThat(ToriiSaListing.parse("  net: #1, INSTALLED, TUNNEL, ESP:AES_GCM_16-256\n").ikeSas())
            .as("a child line without its IKE SA").isEmpty();
    }
}
