package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrfTest
{
    private static final HexFormat HEX = HexFormat.of();

    private static Prf prf(final int id)
    {
        return Prf.forId(id, WeakAlgorithms.ALLOW).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
        // RFC 4231 §4.2, test case 1: key 0x0b x 20, "Hi There"
        "5, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, " +
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "6, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, " +
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
        "7, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, " +
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde" +
            "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        // RFC 4231 §4.3, test case 2: key "Jefe", "what do ya want for nothing?"
        "5, 4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f, " +
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "6, 4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f, " +
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
        "7, 4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f, " +
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554" +
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        // RFC 4868 §2.7.1, PRF-HMAC-SHA-256 test cases 1 to 4 (keys of the PRF's own length)
        "5, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, " +
            "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7",
        "5, 4a6566654a6566654a6566654a6566654a6566654a6566654a6566654a656665, " +
            "7768617420646f2079612077616e7420666f72206e6f7468696e673f, " +
            "167f928588c5cc2eef8e3093caa0e87c9ff566a14794aa61648d81621a2a40c6",
        "5, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, " +
            "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd, " +
            "cdcb1220d1ecccea91e53aba3092f962e549fe6ce9ed7fdc43191fbde45c30b0",
        "5, 0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20, " +
            "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd, " +
            "372efcf9b40b35c2115b1346903d2ef42fced46f0846e7257bb156d3d7b30d3f"})
    void matchesPublishedHmacVectors(final int id, final String key, final String data, final String expected)
    {
        assertThat(HEX.formatHex(prf(id).prf(HEX.parseHex(key), HEX.parseHex(data)))).isEqualTo(expected);
    }

    @Test
    void concatenatesDataParts()
    {
        final Prf prf = prf(PrfIds.PRF_HMAC_SHA2_256);
        final byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        assertThat(prf.prf(key, "what do ya ".getBytes(StandardCharsets.US_ASCII),
            "want for nothing?".getBytes(StandardCharsets.US_ASCII)))
            .isEqualTo(HEX.parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }

    @Test
    void refusesSha1UnlessWeakAlgorithmsAreAllowed()
    {
        assertThat(Prf.forId(PrfIds.PRF_HMAC_SHA1, WeakAlgorithms.REFUSE)).isEmpty();
        assertThat(Prf.forId(PrfIds.PRF_HMAC_SHA1, WeakAlgorithms.ALLOW)).isPresent();
        assertThat(Prf.forId(PrfIds.PRF_HMAC_SHA2_256, WeakAlgorithms.REFUSE)).isPresent();
        assertThat(Prf.forId(4, WeakAlgorithms.ALLOW)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2, 20", "5, 32", "6, 48", "7, 64"})
    void prfPlusChainsBlocksWithACounter(final int id, final int outputLength) throws Exception
    {
        final Prf prf = prf(id);
        assertThat(prf.outputLength()).isEqualTo(outputLength);
        assertThat(prf.keyLength()).isEqualTo(outputLength);
        final byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        final byte[] seed = "seed".getBytes(StandardCharsets.US_ASCII);
        final int length = 2 * outputLength + 5;

        // RFC 7296 §2.13, computed independently: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n).
        final String algorithm = switch (id)
        {
            case 2 -> "HmacSHA1";
            case 5 -> "HmacSHA256";
            case 6 -> "HmacSHA384";
            default -> "HmacSHA512";
        };
        final Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        mac.update(seed);
        mac.update((byte)1);
        final byte[] t1 = mac.doFinal();
        mac.update(t1);
        mac.update(seed);
        mac.update((byte)2);
        final byte[] t2 = mac.doFinal();
        mac.update(t2);
        mac.update(seed);
        mac.update((byte)3);
        final byte[] t3 = mac.doFinal();
        final byte[] expected = new byte[length];
        System.arraycopy(t1, 0, expected, 0, outputLength);
        System.arraycopy(t2, 0, expected, outputLength, outputLength);
        System.arraycopy(t3, 0, expected, 2 * outputLength, 5);

        assertThat(prf.prfPlus(key, seed, length)).isEqualTo(expected);
        assertThat(prf.prfPlus(key, seed, 7)).isEqualTo(Arrays.copyOf(t1, 7));
    }

    @Test
    void prfPlusStopsAt255Blocks()
    {
        final Prf prf = prf(PrfIds.PRF_HMAC_SHA2_256);
        assertThat(prf.prfPlus(new byte[32], new byte[8], 255 * 32)).hasSize(255 * 32);
        assertThatThrownBy(() -> prf.prfPlus(new byte[32], new byte[8], 255 * 32 + 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyKeyIsHmacsZeroPaddedKey() throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[64], "HmacSHA256"));
        final byte[] expected = mac.doFinal(new byte[] {1, 2, 3});
        assertThat(prf(PrfIds.PRF_HMAC_SHA2_256).prf(new byte[0], new byte[] {1, 2, 3})).isEqualTo(expected);
    }
}
