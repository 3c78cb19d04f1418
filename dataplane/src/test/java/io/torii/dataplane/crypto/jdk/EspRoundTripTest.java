package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm.Kind;
import io.torii.dataplane.crypto.EspTransform;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every algorithm combination seals and opens payloads of every size from 0 to 256 bytes and then,
 * in strides, up to 9000 (jumbo frames), with and without ESN, on heap and direct buffers: one transform
 * seals, another with the same keys opens, as the two ends of an SA do.
 */
class EspRoundTripTest
{
    private static final int SPI = 0x0badcafe;
    private static final int LARGEST = 9000;
    /** Sequence numbers start just below a 2^32 boundary so that ESN runs cross into a new high word. */
    private static final long ESN_START = 0x0000_0001_FFFF_FF00L;

    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    static Stream<Arguments> suites()
    {
        return Suite.all().stream()
            .flatMap(suite -> Stream.of(false, true)
                .flatMap(esn -> Stream.of(BufferKind.values()).map(kind -> Arguments.of(suite, esn, kind))));
    }

    static IntStream payloadSizes()
    {
        final IntStream strided = IntStream.iterate(257, size -> size < LARGEST, size -> size + 89);
        return IntStream.concat(IntStream.concat(IntStream.rangeClosed(0, 256), strided), IntStream.of(LARGEST));
    }

    @ParameterizedTest(name = "{0}, esn={1} ({2})")
    @MethodSource("suites")
    void sealThenOpenRestoresEveryPayloadSize(final Suite suite, final boolean esn, final BufferKind kind)
    {
        final Random random = new Random(suite.hashCode());
        final boolean encrypts = suite.encryption().kind() == Kind.AEAD || suite.encryption().kind() == Kind.CIPHER;
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            long sequence = esn ? ESN_START : 1;
            for (final int size : payloadSizes().toArray())
            {
                final byte[] payload = new byte[size];
                random.nextBytes(payload);
                final EspPacket packet = EspPacket.withPayload(kind, sender, SPI, sequence, payload);
                final byte[] plaintext = packet.data();
                // A limit short of the packet: the transforms must neither need nor move it.
                packet.buffer.limit(2).position(1);

                sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, sequence, esn);

                if (encrypts && plaintext.length >= 16)
                {
                    assertThat(packet.data()).as("size %d is encrypted", size).isNotEqualTo(plaintext);
                }
                final boolean verified =
                    receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, sequence, esn);

                assertThat(verified).as("size %d opens", size).isTrue();
                assertThat(packet.data()).as("size %d round trip", size).isEqualTo(plaintext);
                assertThat(packet.guardsIntact()).as("size %d guards", size).isTrue();
                assertThat(packet.buffer.position()).isEqualTo(1);
                assertThat(packet.buffer.limit()).isEqualTo(2);
                sequence++;
            }
        }
    }

    /** One buffer reused for many packets, as a worker's ring does, so cached views must follow offsets. */
    @ParameterizedTest(name = "{0}, esn={1} ({2})")
    @MethodSource("suites")
    void packetsAtDifferentOffsetsOfOneBuffer(final Suite suite, final boolean esn, final BufferKind kind)
    {
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket template = EspPacket.withPayload(kind, sender, SPI, 1, new byte[100]);
            final int length = template.buffer.capacity();
            final ByteBuffer region = kind.allocate(length * 3);
            for (int slot = 0; slot < 3; slot++)
            {
                region.put(slot * length, template.buffer, 0, length);
                region.putInt(slot * length + template.espOffset + 4, slot + 1);
            }
            for (int slot = 0; slot < 3; slot++)
            {
                final int shift = slot * length;
                sender.seal(region, shift + template.espOffset, shift + template.trailerEnd, slot + 1, esn);
            }
            for (int slot = 2; slot >= 0; slot--)
            {
                final int shift = slot * length;
                assertThat(receiver.open(region, shift + template.espOffset, shift + template.trailerEnd, slot + 1,
                    esn)).isTrue();
                final byte[] data = new byte[template.trailerEnd - template.dataStart];
                region.get(shift + template.dataStart, data);
                assertThat(data).isEqualTo(template.data());
            }
        }
    }
}
