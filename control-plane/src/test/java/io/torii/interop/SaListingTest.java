package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing what {@code swanctl --list-sas --raw} printed for real on this machine (strongSwan 5.9.8). */
class SaListingTest
{
    private static final String ESTABLISHED = "list-sa event {ab {uniqueid=1 version=2 state=ESTABLISHED " +
        "local-host=192.0.2.2 local-port=4500 local-id=gwb remote-host=192.0.2.1 remote-port=4500 remote-id=gwa " +
        "initiator-spi=c5d4493d288a704a responder-spi=66da186cb241970e nat-remote=yes nat-any=yes " +
        "encr-alg=AES_GCM_16 encr-keysize=256 prf-alg=PRF_HMAC_SHA2_256 dh-group=CURVE_25519 established=11 " +
        "rekey-time=13583 child-sas {net-2 {name=net uniqueid=2 reqid=1 state=INSTALLED mode=TUNNEL protocol=ESP " +
        "encap=yes spi-in=5b288d7f spi-out=b84e52cd encr-alg=AES_GCM_16 encr-keysize=256 bytes-in=0 packets-in=0 " +
        "bytes-out=0 packets-out=0 rekey-time=3332 life-time=3960 install-time=0 local-ts=[10.2.0.0/24] " +
        "remote-ts=[10.1.0.0/24]}}}}\nlist-sas reply {}\n";

    @Test
    void readsTheIkeSaItsFieldsAndItsInstalledChild()
    {
        final SaListing listing = SaListing.parse(ESTABLISHED);

        assertThat(listing.isIkeEstablished("ab")).isTrue();
        assertThat(listing.isChildInstalled("net")).isTrue();
        final IkeSaStatus ike = listing.ike("ab").orElseThrow();
        assertThat(ike.field("initiator-spi")).isEqualTo("c5d4493d288a704a");
        assertThat(ike.field("rekey-time")).as("the field after the last plain one").isEqualTo("13583");
        assertThat(ike.children()).singleElement().satisfies(child ->
        {
            assertThat(child.name()).as("the name field, not the section's net-2").isEqualTo("net");
            assertThat(child.field("remote-ts")).isEqualTo("[10.1.0.0/24]");
            assertThat(child.field("spi-out")).isEqualTo("b84e52cd");
        });
    }

    @Test
    void otherNamesAndStatesDoNotCount()
    {
        assertThat(SaListing.parse(ESTABLISHED).isChildInstalled("other")).isFalse();
        assertThat(SaListing.parse(ESTABLISHED).isIkeEstablished("other")).isFalse();
        final SaListing connecting = SaListing.parse(ESTABLISHED.replace("state=ESTABLISHED", "state=CONNECTING"));
        assertThat(connecting.isIkeEstablished("ab")).isFalse();
        assertThat(connecting.isChildInstalled("net")).as("a child counts only under an established IKE SA")
            .isFalse();
        assertThat(SaListing.parse(ESTABLISHED.replace("state=INSTALLED", "state=REKEYED")).isChildInstalled("net"))
            .isFalse();
    }

    @Test
    void nothingListedAndBrokenTextGiveNoSasWithoutThrowing()
    {
        assertThat(SaListing.parse("list-sas reply {}\n").ikeSas()).isEmpty();
        assertThat(SaListing.parse("").ikeSas()).isEmpty();
        assertThat(SaListing.parse(ESTABLISHED.substring(0, 60)).isIkeEstablished("ab")).isFalse();
        assertThat(SaListing.parse("list-sa event {ab {local-id=C=CH, O=Torii, CN=gw state=ESTABLISHED}}")
            .isIkeEstablished("ab")).as("a distinguished name with spaces does not hide later fields").isTrue();
    }
}
