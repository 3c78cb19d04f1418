package io.torii.ike.keymat;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.crypto.Prf;
import io.torii.ike.crypto.PrfIds;
import io.torii.ike.crypto.WeakAlgorithms;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PskAuthenticationTest
{
    private static final Prf SHA256 = Prf.forId(PrfIds.PRF_HMAC_SHA2_256, WeakAlgorithms.REFUSE).orElseThrow();
    private static final byte[] FIRST_MESSAGE = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
    private static final byte[] PEER_NONCE = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    private static final byte[] SK_PI = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSK = "correct horse battery staple".getBytes(StandardCharsets.US_ASCII);
    /** ID_FQDN (2) "gw.example". */
    private static final byte[] ID_BODY = PskAuthentication.idPayloadBody(2,
        "gw.example".getBytes(StandardCharsets.US_ASCII));

    @Test
    void idPayloadBodyIsTypeThenThreeReservedBytesThenData()
    {
        assertThat(HexFormat.of().formatHex(ID_BODY)).isEqualTo("02000000" + "67772e6578616d706c65");
    }

    @Test
    void authDataIsTheRfc7296Construction() throws Exception
    {
        // RFC 7296 §2.15, computed directly on javax.crypto.
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SK_PI, "HmacSHA256"));
        final byte[] macedId = mac.doFinal(ID_BODY);
        final byte[] signedOctets = IkeKeyDerivationTest.concat(FIRST_MESSAGE, PEER_NONCE, macedId);
        mac.init(new SecretKeySpec(PSK, "HmacSHA256"));
        final byte[] padKey = mac.doFinal("Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII));
        mac.init(new SecretKeySpec(padKey, "HmacSHA256"));
        final byte[] expected = mac.doFinal(signedOctets);

        final byte[] octets = PskAuthentication.signedOctets(FIRST_MESSAGE, PEER_NONCE, SHA256, SK_PI, ID_BODY);
        assertThat(octets).isEqualTo(signedOctets);
        assertThat(PskAuthentication.authData(SHA256, PSK, octets)).isEqualTo(expected);
        assertThat(PskAuthentication.verify(SHA256, PSK, octets, expected)).isTrue();
    }

    @Test
    void verifyRejectsAnyDifference()
    {
        final byte[] octets = PskAuthentication.signedOctets(FIRST_MESSAGE, PEER_NONCE, SHA256, SK_PI, ID_BODY);
        final byte[] auth = PskAuthentication.authData(SHA256, PSK, octets);
        final byte[] flipped = auth.clone();
        flipped[31] ^= 1;
        assertThat(PskAuthentication.verify(SHA256, PSK, octets, flipped)).isFalse();
        assertThat(PskAuthentication.verify(SHA256, PSK, octets, java.util.Arrays.copyOf(auth, 31))).isFalse();
        assertThat(PskAuthentication.verify(SHA256, "wrong".getBytes(StandardCharsets.US_ASCII), octets, auth))
            .isFalse();
        final byte[] otherId = PskAuthentication.idPayloadBody(2, "gw.example.".getBytes(StandardCharsets.US_ASCII));
        final byte[] otherOctets = PskAuthentication.signedOctets(FIRST_MESSAGE, PEER_NONCE, SHA256, SK_PI, otherId);
        assertThat(PskAuthentication.verify(SHA256, PSK, otherOctets, auth)).isFalse();
    }
}
