package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.ike.message.SkCipher;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AeadSkCipherTest
{
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 7634 Appendix B: key 0x80..0x9f, then the salt a0 a1 a2 a3. */
    private static final byte[] RFC7634_KEY_MATERIAL =
        HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3");
    /** RFC 7634 Appendix B: IKE header and SK header (next payload Notify, length 41): the AAD. */
    private static final String RFC7634_AAD =
        "c0c1c2c3c4c5c6c7" + "d0d1d2d3d4d5d6d7" + "2e202500" + "00000009" + "00000045" + "29000029";
    private static final String RFC7634_IV = "1011121314151617";
    /** A Notify payload and a zero Pad Length byte. */
    private static final String RFC7634_PLAINTEXT = "0000000c000040010000000a00";
    private static final String RFC7634_CIPHERTEXT = "610394701f8d017f7c12924889";
    private static final String RFC7634_ICV = "6b71bfe25236efd7cdc67066906315b2";
    private static final int RFC7634_IV_OFFSET = 32;
    private static final int RFC7634_ICV_OFFSET = 32 + 8 + 13;

    @Test
    void opensTheRfc7634IkeExample()
    {
        final byte[] message = HEX.parseHex(RFC7634_AAD + RFC7634_IV + RFC7634_CIPHERTEXT + RFC7634_ICV);
        final SkCipher cipher = newChaCha(0);
        assertThat(cipher.open(message, RFC7634_IV_OFFSET, RFC7634_ICV_OFFSET)).isTrue();
        assertThat(HEX.formatHex(Arrays.copyOfRange(message, 40, RFC7634_ICV_OFFSET))).isEqualTo(RFC7634_PLAINTEXT);
        assertThat(HEX.formatHex(Arrays.copyOf(message, 40))).isEqualTo(RFC7634_AAD + RFC7634_IV);
    }

    @Test
    void sealsTheRfc7634IkeExampleWhenItsCounterReachesThatIv()
    {
        final byte[] message = HEX.parseHex(RFC7634_AAD + "0000000000000000" + RFC7634_PLAINTEXT + "00".repeat(16));
        newChaCha(0x1011121314151617L).seal(message, RFC7634_IV_OFFSET, RFC7634_ICV_OFFSET);
        assertThat(HEX.formatHex(message)).isEqualTo(RFC7634_AAD + RFC7634_IV + RFC7634_CIPHERTEXT + RFC7634_ICV);
    }

    @Test
    void rejectsTamperingAnywhereAndLeavesTheMessageAlone()
    {
        final byte[] sealed = HEX.parseHex(RFC7634_AAD + RFC7634_IV + RFC7634_CIPHERTEXT + RFC7634_ICV);
        for (final int position : new int[] {0, 17, 31, 32, 39, 40, 52, 53, 68})
        {
            final byte[] tampered = sealed.clone();
            tampered[position] ^= 0x01;
            final byte[] before = tampered.clone();
            assertThat(newChaCha(0).open(tampered, RFC7634_IV_OFFSET, RFC7634_ICV_OFFSET))
                .as("bit flipped at %d", position).isFalse();
            assertThat(tampered).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 192, 256})
    void gcmSealsAsRfc5282Describes(final int keyBits) throws Exception
    {
        final SkCipherSuite suite = SkCipherSuite.of(EncryptionIds.ENCR_AES_GCM_16, keyBits, IntegrityIds.NONE,
            WeakAlgorithms.REFUSE).orElseThrow();
        final byte[] keyMaterial = new byte[suite.encryptionKeyLength()];
        new SecureRandom().nextBytes(keyMaterial);
        final SkCipher sealer = suite.newCipher(keyMaterial, null, null);
        final byte[] plaintext = HEX.parseHex("2b000014aabbccddeeff00112233445566778899" + "03");
        final int ivOffset = 32;
        final int icvOffset = ivOffset + 8 + plaintext.length;
        final byte[] message = new byte[icvOffset + 16];
        Arrays.fill(message, 0, ivOffset, (byte)0x5a);
        System.arraycopy(plaintext, 0, message, ivOffset + 8, plaintext.length);

        sealer.seal(message, ivOffset, icvOffset);

        // Independently: nonce = salt | IV, AAD = everything before the IV, output = ciphertext | tag.
        final int keyLength = keyBits / 8;
        final byte[] nonce = new byte[12];
        System.arraycopy(keyMaterial, keyLength, nonce, 0, 4);
        System.arraycopy(message, ivOffset, nonce, 4, 8);
        final Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyMaterial, 0, keyLength, "AES"),
            new GCMParameterSpec(128, nonce));
        gcm.updateAAD(message, 0, ivOffset);
        final byte[] expected = gcm.doFinal(plaintext);
        assertThat(Arrays.copyOfRange(message, ivOffset + 8, message.length)).isEqualTo(expected);

        final SkCipher opener = suite.newCipher(keyMaterial, new byte[0], null);
        assertThat(opener.open(message, ivOffset, icvOffset)).isTrue();
        assertThat(Arrays.copyOfRange(message, ivOffset + 8, icvOffset)).isEqualTo(plaintext);
    }

    @Test
    void gcmRejectsTamperingAnywhereAndLeavesTheMessageAlone()
    {
        final SkCipherSuite suite = SkCipherSuite.of(EncryptionIds.ENCR_AES_GCM_16, 128, IntegrityIds.NONE,
            WeakAlgorithms.REFUSE).orElseThrow();
        final byte[] keyMaterial = new byte[suite.encryptionKeyLength()];
        new SecureRandom().nextBytes(keyMaterial);
        final byte[] sealed = new byte[8 + 8 + 5 + 16];
        suite.newCipher(keyMaterial, null, null).seal(sealed, 8, 21);
        for (int position = 0; position < sealed.length; position++)
        {
            final byte[] tampered = sealed.clone();
            tampered[position] ^= (byte)0x80;
            final byte[] before = tampered.clone();
            assertThat(suite.newCipher(keyMaterial, null, null).open(tampered, 8, 21))
                .as("bit flipped at %d", position).isFalse();
            assertThat(tampered).isEqualTo(before);
        }
        assertThat(suite.newCipher(keyMaterial, null, null).open(sealed, 8, 21)).isTrue();
    }

    @Test
    void ivCountsUpAndNeverRepeats()
    {
        final SkCipher cipher = newChaCha(0);
        final byte[] first = new byte[4 + 8 + 1 + 16];
        final byte[] second = first.clone();
        cipher.seal(first, 4, 13);
        cipher.seal(second, 4, 13);
        assertThat(Arrays.copyOfRange(first, 4, 12)).isEqualTo(HEX.parseHex("0000000000000000"));
        assertThat(Arrays.copyOfRange(second, 4, 12)).isEqualTo(HEX.parseHex("0000000000000001"));
        assertThat(Arrays.copyOfRange(first, 12, 13)).isNotEqualTo(Arrays.copyOfRange(second, 12, 13));
    }

    @Test
    void refusesLayoutsThatDoNotFit()
    {
        final SkCipher cipher = newChaCha(0);
        assertThat(cipher.ivLength()).isEqualTo(8);
        assertThat(cipher.icvLength()).isEqualTo(16);
        assertThat(cipher.blockSize()).isEqualTo(1);
        assertThatThrownBy(() -> cipher.seal(new byte[20], 4, 13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.seal(new byte[40], 4, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cipher.open(new byte[20], 4, 13)).isFalse();
        assertThat(cipher.open(new byte[40], -1, 13)).isFalse();
        assertThat(cipher.open(new byte[40], 30, 13)).isFalse();
    }

    private static SkCipher newChaCha(final long firstIv)
    {
        return new AeadSkCipher(AeadSkCipher.Algorithm.CHACHA20_POLY1305, RFC7634_KEY_MATERIAL, firstIv);
    }
}
