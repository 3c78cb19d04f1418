package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.ike.message.SkCipher;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CbcHmacSkCipherTest
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_OFFSET = 32;
    private static final int PLAINTEXT_LENGTH = 48;
    private static final int ICV_OFFSET = IV_OFFSET + 16 + PLAINTEXT_LENGTH;

    @ParameterizedTest
    @CsvSource({"128, 12, HmacSHA256, 16", "256, 12, HmacSHA256, 16", "192, 13, HmacSHA384, 24",
        "256, 14, HmacSHA512, 32", "128, 2, HmacSHA1, 12"})
    void sealsAsRfc7296Describes(final int keyBits, final int integrityId, final String macName,
        final int icvLength) throws Exception
    {
        final SkCipherSuite suite = suite(keyBits, integrityId);
        final byte[] encryptionKey = random(suite.encryptionKeyLength());
        final byte[] integrityKey = random(suite.integrityKeyLength());
        final SkCipher cipher = suite.newCipher(encryptionKey, integrityKey, RANDOM);
        assertThat(cipher.icvLength()).isEqualTo(icvLength);
        final byte[] plaintext = random(PLAINTEXT_LENGTH);
        final byte[] message = layout(plaintext, icvLength);

        cipher.seal(message, IV_OFFSET, ICV_OFFSET);

        // Independently: AES-CBC under the IV in the message, HMAC over [0, ICV) cut to the ICV length.
        final Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
        cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"),
            new IvParameterSpec(message, IV_OFFSET, 16));
        assertThat(cbc.doFinal(message, IV_OFFSET + 16, PLAINTEXT_LENGTH)).isEqualTo(plaintext);
        final Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(integrityKey, macName));
        mac.update(message, 0, ICV_OFFSET);
        assertThat(Arrays.copyOfRange(message, ICV_OFFSET, ICV_OFFSET + icvLength))
            .isEqualTo(Arrays.copyOf(mac.doFinal(), icvLength));

        final SkCipher opener = suite.newCipher(encryptionKey, integrityKey, RANDOM);
        assertThat(opener.open(message, IV_OFFSET, ICV_OFFSET)).isTrue();
        assertThat(Arrays.copyOfRange(message, IV_OFFSET + 16, ICV_OFFSET)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @CsvSource({"0", "27", "31", "32", "47", "48", "95", "96", "111"})
    void rejectsABitFlipAndLeavesTheMessageAlone(final int position)
    {
        final SkCipherSuite suite = suite(256, IntegrityIds.AUTH_HMAC_SHA2_256_128);
        final byte[] encryptionKey = random(32);
        final byte[] integrityKey = random(32);
        final byte[] message = layout(random(PLAINTEXT_LENGTH), 16);
        suite.newCipher(encryptionKey, integrityKey, RANDOM).seal(message, IV_OFFSET, ICV_OFFSET);
        message[position] ^= 0x01;
        final byte[] before = message.clone();
        assertThat(suite.newCipher(encryptionKey, integrityKey, RANDOM).open(message, IV_OFFSET, ICV_OFFSET))
            .isFalse();
        assertThat(message).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource({"32, 95", "32, 97", "-1, 96", "100, 96"})
    void refusesLayoutsThatDoNotFit(final int ivOffset, final int icvOffset)
    {
        final SkCipher cipher = suite(128, IntegrityIds.AUTH_HMAC_SHA2_256_128).newCipher(random(16), random(32),
            RANDOM);
        final byte[] message = new byte[ICV_OFFSET + 16];
        assertThatThrownBy(() -> cipher.seal(message, ivOffset, icvOffset))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(cipher.open(message, ivOffset, icvOffset)).isFalse();
        assertThat(cipher.open(new byte[ICV_OFFSET + 15], IV_OFFSET, ICV_OFFSET)).isFalse();
    }

    private static SkCipherSuite suite(final int keyBits, final int integrityId)
    {
        return SkCipherSuite.of(EncryptionIds.ENCR_AES_CBC, keyBits, integrityId, WeakAlgorithms.ALLOW).orElseThrow();
    }

    private static byte[] layout(final byte[] plaintext, final int icvLength)
    {
        final byte[] message = new byte[ICV_OFFSET + icvLength];
        Arrays.fill(message, 0, IV_OFFSET, (byte)0x33);
        System.arraycopy(plaintext, 0, message, IV_OFFSET + 16, plaintext.length);
        return message;
    }

    private static byte[] random(final int length)
    {
        final byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
