package io.torii.dataplane.crypto.ipsecmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.IntegrityTransform;
import io.torii.nativeshim.IpsecMb;
import io.torii.nativeshim.IpsecMbArch;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Misuse is refused in Java, before any address reaches native code: wrong key lengths, offsets
 * outside the buffer, a transform whose key was freed, a repeated sequence number.
 */
class IpsecMbMisuseTest
{
    private static final byte[] GCM_KEY = new byte[20];

    @BeforeAll
    static void needsTheNativeLayer()
    {
        assumeTrue(IpsecMb.isAvailable(), "ipsec-mb unavailable: " + IpsecMb.status());
    }

    @Test
    void wrongKeyLengthsAndCombinationsAreRefused()
    {
        try (IpsecMbCryptoEngine engine = new IpsecMbCryptoEngine(IpsecMbArch.AUTO))
        {
            assertThatThrownBy(() -> engine.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE,
                new byte[16], new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.esp(EncryptionAlgorithm.AES_GCM_16_128,
                IntegrityAlgorithm.HMAC_SHA2_256_128, GCM_KEY, new byte[32])).hasMessageContaining("no integrity");
            assertThatThrownBy(() -> engine.esp(EncryptionAlgorithm.AES_CBC_128, IntegrityAlgorithm.NONE,
                new byte[16], new byte[0])).hasMessageContaining("needs an integrity");
            assertThatThrownBy(() -> engine.integrity(IntegrityAlgorithm.HMAC_SHA2_256_128, new byte[20]))
                .hasMessageContaining("32-byte key");
            assertThatThrownBy(() -> engine.integrity(IntegrityAlgorithm.NONE, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void offsetsOutsideTheBufferAreRefusedBeforeTheDowncall()
    {
        try (IpsecMbCryptoEngine engine = new IpsecMbCryptoEngine(IpsecMbArch.AUTO);
            EspTransform transform = engine.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE, GCM_KEY,
                new byte[0]))
        {
            final ByteBuffer packet = ByteBuffer.allocateDirect(64);
            assertThatThrownBy(() -> transform.seal(packet, 0, 60, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
            assertThatThrownBy(() -> transform.seal(packet, -4, 30, 1, false))
                .isInstanceOf(IllegalArgumentException.class);
            assertThat(transform.open(packet, 0, 60, 1, false)).isFalse();
            assertThat(transform.open(packet, 40, 20, 1, false)).isFalse();
        }
    }

    @Test
    void aFreedKeyIsRefusedAndARepeatedSequenceNumberIsNeverSealed()
    {
        try (IpsecMbCryptoEngine engine = new IpsecMbCryptoEngine(IpsecMbArch.AUTO))
        {
            final EspTransform transform = engine.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE,
                GCM_KEY, new byte[0]);
            final ByteBuffer packet = ByteBuffer.allocateDirect(128);
            transform.seal(packet, 0, 40, 7, false);
            assertThatThrownBy(() -> transform.seal(packet, 0, 40, 7, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("repeated nonce");
            assertThat(transform.open(packet, 0, 40, 7, false)).isTrue();

            transform.close();
            assertThatThrownBy(() -> transform.seal(packet, 0, 40, 8, false)).isInstanceOf(IllegalStateException.class);
            assertThat(transform.open(packet, 0, 40, 7, false)).isFalse();
        }
    }

    @Test
    void ahOnHeapBuffersGoesThroughTheBounceAreaAndMatchesDirectBuffers()
    {
        try (IpsecMbCryptoEngine engine = new IpsecMbCryptoEngine(IpsecMbArch.AUTO);
            IntegrityTransform mac = engine.integrity(IntegrityAlgorithm.HMAC_SHA2_256_128, new byte[32]))
        {
            final ByteBuffer heap = ByteBuffer.allocate(100);
            final ByteBuffer direct = ByteBuffer.allocateDirect(100);
            for (int i = 0; i < 80; i++)
            {
                heap.put(i, (byte)i);
                direct.put(i, (byte)i);
            }
            mac.sign(heap, 0, 80, true, 3, heap, 80);
            mac.sign(direct, 0, 80, true, 3, direct, 80);
            for (int i = 80; i < 96; i++)
            {
                assertThat(heap.get(i)).isEqualTo(direct.get(i));
            }
            assertThat(mac.verify(heap, 0, 80, true, 3, heap, 80)).isTrue();
            assertThat(mac.verify(heap, 0, 80, true, 4, heap, 80)).isFalse();
            assertThatThrownBy(() -> mac.sign(heap, 0, 99, false, 0, heap, 90))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
