package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.IntegrityTransform;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a transform promises besides the bytes: the sizes it reports, the IVs it writes, that close()
 * zeroes every key copy it holds, and that a closed transform refuses work.
 */
class TransformLifecycleTest
{
    private static final int SPI = 0x1234_5678;

    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torii.dataplane.crypto.jdk.Suite#all")
    void sizesFollowTheAlgorithms(final Suite suite)
    {
        try (EspTransform transform = suite.open(engine))
        {
            assertThat(transform.ivLength()).isEqualTo(suite.encryption().ivLength());
            assertThat(transform.blockSize()).isEqualTo(suite.encryption().blockSize());
            assertThat(transform.icvLength())
                .isEqualTo(suite.encryption().icvLength() + suite.integrity().icvLength());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torii.dataplane.crypto.jdk.Suite#all")
    void closeZeroesEveryKeyArrayTheTransformHolds(final Suite suite)
    {
        final EspTransform transform = suite.open(engine);
        final List<byte[]> held = ((HeldKeys)transform).heldKeyArrays();
        assertThat(held).isNotEmpty().allSatisfy(array -> assertThat(array).isNotEqualTo(new byte[array.length]));

        transform.close();

        assertThat(held).allSatisfy(array -> assertThat(array).containsOnly(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torii.dataplane.crypto.jdk.Suite#all")
    void aClosedTransformRefusesToSealAndOpens(final Suite suite)
    {
        final EspTransform sender = suite.open(engine);
        final EspTransform receiver = suite.open(engine);
        final EspPacket packet = EspPacket.withPayload(BufferKind.HEAP, sender, SPI, 1, new byte[30]);
        sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, 1, false);
        final EspPacket copy = packet.copy();
        assertThat(receiver.open(copy.buffer, copy.espOffset, copy.trailerEnd, 1, false)).isTrue();

        sender.close();
        receiver.close();
        receiver.close();

        assertThatThrownBy(() -> sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, 2, false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
        assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, 1, false)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = IntegrityAlgorithm.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void anIntegrityTransformZeroesItsKeyAndRefusesWorkOnceClosed(final IntegrityAlgorithm integrity)
    {
        final byte[] key = new byte[integrity.keyLength()];
        Arrays.fill(key, (byte)7);
        final IntegrityTransform transform = engine.integrity(integrity, key);
        final List<byte[]> held = ((HeldKeys)transform).heldKeyArrays();
        final ByteBuffer data = ByteBuffer.allocate(64);
        final ByteBuffer icv = ByteBuffer.allocate(integrity.icvLength());
        transform.sign(data, 0, 64, false, 0, icv, 0);
        key[0] = 0;

        assertThat(transform.verify(data, 0, 64, false, 0, icv, 0)).as("the transform kept its own copy").isTrue();
        transform.close();

        assertThat(held).allSatisfy(array -> assertThat(array).containsOnly(0));
        assertThat(transform.verify(data, 0, 64, false, 0, icv, 0)).isFalse();
        assertThatThrownBy(() -> transform.sign(data, 0, 64, false, 0, icv, 0))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCallerMayZeroItsKeyArraysOnceTheTransformIsMade()
    {
        final Suite suite = new Suite(EncryptionAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_384_192);
        final byte[] encryptionKey = suite.encryptionKey();
        final byte[] integrityKey = suite.integrityKey();
        try (EspTransform sender = engine.esp(suite.encryption(), suite.integrity(), encryptionKey, integrityKey);
            EspTransform receiver = suite.open(engine))
        {
            Arrays.fill(encryptionKey, (byte)0);
            Arrays.fill(integrityKey, (byte)0);
            final EspPacket packet = EspPacket.withPayload(BufferKind.DIRECT, sender, SPI, 9, new byte[50]);
            sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, 9, false);

            assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, 9, false)).isTrue();
        }
    }

    @Test
    void aRawKeyCanBeDestroyedAndNeverShowsItsBytes()
    {
        final byte[] bytes = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        final RawKey key = new RawKey("AES", bytes, 0, bytes.length);

        assertThat(key.toString()).doesNotContain("112233").contains("16 bytes");
        assertThat(key.getEncoded()).isEqualTo(bytes).isNotSameAs(key.heldBytes());
        key.destroy();

        assertThat(key.isDestroyed()).isTrue();
        assertThat(key.heldBytes()).containsOnly(0);
        assertThatThrownBy(key::getEncoded).isInstanceOf(IllegalStateException.class);
    }

    /** RFC 4106 §3.1 and RFC 7634 §2: the explicit IV may be a counter; here it is the sequence number. */
    @ParameterizedTest
    @EnumSource(value = EncryptionAlgorithm.class, names = {"AES_GCM_16_128", "AES_GCM_16_256",
        "CHACHA20_POLY1305", "AES_GMAC_128", "AES_GMAC_256"})
    void combinedModesWriteTheSequenceNumberAsTheIv(final EncryptionAlgorithm encryption)
    {
        final Suite suite = new Suite(encryption, IntegrityAlgorithm.NONE);
        final long sequence = 0x0102_0304_0506_0708L;
        try (EspTransform sender = suite.open(engine))
        {
            final EspPacket packet = EspPacket.withPayload(BufferKind.HEAP, sender, SPI, sequence, new byte[8]);
            sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, sequence, true);

            assertThat(packet.iv()).isEqualTo(HexFormat.of().parseHex("0102030405060708"));
        }
    }

    /** A repeated nonce under GCM or ChaCha20-Poly1305 leaks the authentication key; seal() refuses one. */
    @ParameterizedTest
    @EnumSource(value = EncryptionAlgorithm.class, names = {"AES_GCM_16_128", "AES_GCM_16_256",
        "CHACHA20_POLY1305", "AES_GMAC_128", "AES_GMAC_256"})
    void combinedModesRefuseASequenceNumberThatDoesNotIncrease(final EncryptionAlgorithm encryption)
    {
        final Suite suite = new Suite(encryption, IntegrityAlgorithm.NONE);
        try (EspTransform sender = suite.open(engine))
        {
            final EspPacket packet = EspPacket.withPayload(BufferKind.HEAP, sender, SPI, 5, new byte[8]);
            sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, 5, false);

            for (final long again : new long[] {5, 4, 0})
            {
                assertThatThrownBy(() -> sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, again, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("repeated nonce");
            }
            sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, 6, false);
        }
    }

    /** RFC 3602 §2.1: CBC IVs must be unpredictable; at the least they never repeat and differ per SA. */
    @Test
    void cbcIvsDoNotRepeatAndDifferBetweenTransformsWithTheSameKeys()
    {
        final Suite suite = new Suite(EncryptionAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        final Set<String> seen = new HashSet<>();
        try (EspTransform first = suite.open(engine); EspTransform second = suite.open(engine))
        {
            final EspPacket packet = EspPacket.withPayload(BufferKind.DIRECT, first, SPI, 1, new byte[14]);
            for (int i = 1; i <= 5000; i++)
            {
                first.seal(packet.buffer, packet.espOffset, packet.trailerEnd, i, false);
                assertThat(seen.add(HexFormat.of().formatHex(packet.iv()))).as("IV %d is new", i).isTrue();
            }
            final EspPacket other = EspPacket.withPayload(BufferKind.DIRECT, second, SPI, 1, new byte[14]);
            second.seal(other.buffer, other.espOffset, other.trailerEnd, 1, false);
            assertThat(seen).doesNotContain(HexFormat.of().formatHex(other.iv()));
        }
    }

    @Test
    void cbcSealRefusesPlaintextThatIsNotWholeBlocks()
    {
        final Suite suite = new Suite(EncryptionAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket packet = EspPacket.withPlaintext(BufferKind.HEAP, 16, 16, SPI, 1, new byte[20]);

            assertThatThrownBy(() -> sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 16");
            assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, 1, false)).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torii.dataplane.crypto.jdk.Suite#all")
    void sealRefusesOffsetsOutsideTheBuffer(final Suite suite)
    {
        try (EspTransform sender = suite.open(engine))
        {
            final EspPacket packet = EspPacket.withPayload(BufferKind.HEAP, sender, SPI, 1, new byte[10]);

            assertThatThrownBy(() -> sender.seal(packet.buffer, packet.espOffset, packet.buffer.capacity(), 1, false))
                .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> sender.seal(packet.buffer, -1, packet.trailerEnd, 1, false))
                .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(packet.guardsIntact()).isTrue();
        }
    }
}
