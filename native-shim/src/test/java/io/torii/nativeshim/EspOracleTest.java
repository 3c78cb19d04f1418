package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.be32;
import static io.torii.nativeshim.TestPackets.bytes;
import static io.torii.nativeshim.TestPackets.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ESP semantics no published vector pins down, above all what ESN adds to each suite's AAD or
 * MAC input, checked against the JDK's primitives (Cipher and Mac, not the dataplane's engine):
 * every suite, with and without ESN, sealed here and its ciphertext and ICV recomputed from the
 * RFCs' definitions. AH with ESN likewise.
 */
class EspOracleTest
{
    private static final int SPI = 0x1122_3344;

    static Stream<Arguments> suites()
    {
        return Suite.all().stream().flatMap(suite -> Stream.of(Arguments.of(suite, false), Arguments.of(suite, true)));
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void sealMatchesTheRfcDefinitionComputedWithTheJdk(final Suite suite, final boolean esn) throws Exception
    {
        final byte[] plaintext = TestPackets.pattern(suite.plaintextLength(77), 21);
        final long sequence = 0xABCD_0123_4567_0089L;
        final int ivLength = suite.ivLength();
        final int icvOffset = TestPackets.icvOffset(ivLength, plaintext.length);
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = suite.install(manager);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment packet = TestPackets.esp(arena, SPI, sequence, new byte[ivLength], plaintext,
                suite.icvLength());
            jobs.set(0, packet, ESP_OFFSET, icvOffset, key, esn, (int)(sequence >>> 32));
            assertThat(manager.seal(jobs, 1)).isEqualTo(1);

            final byte[] header = concat(be32(SPI), be32((int)sequence));
            final byte[] iv = bytes(packet, ESP_OFFSET + 8, ivLength);
            final byte[] expected = expected(suite, esn, sequence, header, iv, plaintext);
            assertThat(bytes(packet, ESP_OFFSET + 8 + ivLength, plaintext.length + suite.icvLength()))
                .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "esn={0}")
    @MethodSource("esn")
    void ahAppendsTheHighSequenceBitsUnderEsn(final boolean esn) throws Exception
    {
        final byte[] hmacKey = TestPackets.pattern(48, 1);
        final byte[] data = TestPackets.pattern(130, 2);
        final int high = 0x0102_0304;
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = IpsecMbKey.ah(manager, IpsecMbIntegrity.HMAC_SHA2_384_192, hmacKey);
            AhJobArray jobs = new AhJobArray())
        {
            final MemorySegment icv = arena.allocate(24);
            jobs.set(0, TestPackets.offHeap(arena, data), 0, data.length, icv, 0, key, esn, high);
            assertThat(manager.sign(jobs, 1)).isEqualTo(1);

            final byte[] input = esn ? concat(data, be32(high)) : data;
            assertThat(bytes(icv)).isEqualTo(Arrays.copyOf(hmac("HmacSHA384", hmacKey, input), 24));
        }
    }

    static Stream<Boolean> esn()
    {
        return Stream.of(false, true);
    }

    /** Ciphertext then ICV, as RFC 4106, 4543, 7634, 3602 with 4868, and 2410 with 4868 define them. */
    private static byte[] expected(
        final Suite suite,
        final boolean esn,
        final long sequence,
        final byte[] header,
        final byte[] iv,
        final byte[] plaintext) throws Exception
    {
        final byte[] high = be32((int)(sequence >>> 32));
        final byte[] aad = esn ? concat(Arrays.copyOf(header, 4), high, Arrays.copyOfRange(header, 4, 8)) : header;
        final byte[] cipherKey = suite.cipherKey();
        final int keyLength = cipherKey.length - (suite.cipher().isCombined() ? 4 : 0);
        final byte[] nonce = suite.cipher().isCombined()
            ? concat(Arrays.copyOfRange(cipherKey, keyLength, keyLength + 4), iv) : null;
        final SecretKeySpec aesKey = keyLength == 0 ? null : new SecretKeySpec(cipherKey, 0, keyLength, "AES");
        switch (suite.cipher())
        {
            case AES_GCM_128, AES_GCM_256 ->
            {
                final Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
                gcm.updateAAD(aad);
                return gcm.doFinal(plaintext);
            }
            case AES_GMAC_128, AES_GMAC_256 ->
            {
                final Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
                gcm.updateAAD(concat(aad, iv, plaintext));
                return concat(plaintext, gcm.doFinal());
            }
            case CHACHA20_POLY1305 ->
            {
                final Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
                chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cipherKey, 0, 32, "ChaCha20"),
                    new IvParameterSpec(nonce));
                chacha.updateAAD(aad);
                return chacha.doFinal(plaintext);
            }
            default ->
            {
                byte[] ciphertext = plaintext;
                if (suite.cipher().isCbc())
                {
                    final Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
                    cbc.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
                    ciphertext = cbc.doFinal(plaintext);
                }
                final String algorithm = switch (suite.integrity())
                {
                    case HMAC_SHA2_256_128 -> "HmacSHA256";
                    case HMAC_SHA2_384_192 -> "HmacSHA384";
                    default -> "HmacSHA512";
                };
                final byte[] input = concat(header, iv, ciphertext, esn ? high : new byte[0]);
                final byte[] icv = Arrays.copyOf(hmac(algorithm, suite.integrityKey(), input), suite.icvLength());
                return concat(ciphertext, icv);
            }
        }
    }

    private static byte[] hmac(final String algorithm, final byte[] key, final byte[] input) throws Exception
    {
        final Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(input);
    }
}
