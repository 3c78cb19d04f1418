package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.IntegrityTransform;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers for the truncated HMACs: RFC 4231's seven cases for each hash (keys of any length,
 * through the package-private constructor, since the engine insists on RFC 4868 key lengths), RFC 4868
 * §2.7.2's authenticator cases through the engine, for AH and for ESP with NULL encryption, and the
 * ESN rule that the high bits are appended to the MAC input.
 */
class HmacKnownAnswerTest
{
    /** Where the data starts in its buffer, to prove that offsets are absolute. */
    private static final int DATA_OFFSET = 5;
    /** Where the ICV goes in its buffer. */
    private static final int ICV_OFFSET = 3;

    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    static Stream<Arguments> rfc4231()
    {
        return VectorFile.load("hmac-sha2-rfc4231.txt").stream()
            .flatMap(vector -> Stream.of(IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA2_384_192,
                IntegrityAlgorithm.HMAC_SHA2_512_256)
                .flatMap(integrity -> Stream.of(BufferKind.values())
                    .map(kind -> Arguments.of(vector.get("name"), integrity, kind, vector))));
    }

    static Stream<Arguments> rfc4868()
    {
        return VectorFile.load("hmac-sha2-rfc4868.txt").stream()
            .flatMap(vector -> Stream.of(BufferKind.values()).map(kind -> Arguments.of(vector.get("name"), kind,
                vector)));
    }

    @ParameterizedTest(name = "{0}, {1} ({2})")
    @MethodSource("rfc4231")
    void rfc4231(final String name, final IntegrityAlgorithm integrity, final BufferKind kind,
        final Map<String, String> vector)
    {
        final byte[] expected = VectorFile.hex(vector, integrity.keyword());
        try (IntegrityTransform transform = new HmacIntegrityTransform(integrity, VectorFile.hex(vector, "key")))
        {
            assertSignsAndVerifies(transform, kind, VectorFile.hex(vector, "data"), expected);
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("rfc4868")
    void rfc4868ForAh(final String name, final BufferKind kind, final Map<String, String> vector)
    {
        final IntegrityAlgorithm integrity = IntegrityAlgorithm.valueOf(vector.get("algorithm"));
        try (IntegrityTransform transform = engine.integrity(integrity, VectorFile.hex(vector, "key")))
        {
            assertThat(transform.icvLength()).isEqualTo(integrity.icvLength());
            assertSignsAndVerifies(transform, kind, VectorFile.hex(vector, "data"), VectorFile.hex(vector, "mac"));
        }
    }

    /**
     * With NULL encryption the ICV covers exactly header and payload, so an RFC 4868 input whose first 8
     * bytes are read as SPI and sequence number is an ESP packet with a known ICV.
     */
    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("rfc4868")
    void rfc4868ForEspWithNullEncryption(final String name, final BufferKind kind, final Map<String, String> vector)
    {
        final IntegrityAlgorithm integrity = IntegrityAlgorithm.valueOf(vector.get("algorithm"));
        final byte[] data = VectorFile.hex(vector, "data");
        final ByteBuffer header = ByteBuffer.wrap(data);
        final int spi = header.getInt(0);
        final long sequence = Integer.toUnsignedLong(header.getInt(4));
        final byte[] mac = VectorFile.hex(vector, "mac");
        try (EspTransform sender = engine.esp(EncryptionAlgorithm.NULL, integrity, new byte[0],
            VectorFile.hex(vector, "key")))
        {
            final EspPacket packet = EspPacket.withPlaintext(kind, 0, integrity.icvLength(), spi, sequence,
                Arrays.copyOfRange(data, EspLayout.HEADER_LENGTH, data.length));

            sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, sequence, false);

            assertThat(packet.icv()).isEqualTo(Arrays.copyOf(mac, integrity.icvLength()));
            assertThat(packet.data()).isEqualTo(Arrays.copyOfRange(data, EspLayout.HEADER_LENGTH, data.length));
            assertThat(packet.guardsIntact()).isTrue();
            assertThat(sender.open(packet.buffer, packet.espOffset, packet.trailerEnd, sequence, false)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IntegrityAlgorithm.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void esnAppendsTheHighBitsToTheMacInputOnly(final IntegrityAlgorithm integrity)
    {
        final byte[] key = new byte[integrity.keyLength()];
        Arrays.fill(key, (byte)0x3c);
        final byte[] data = "an AH-protected datagram".getBytes(StandardCharsets.US_ASCII);
        final int high = 0x8765_4321;
        final byte[] withHigh = Arrays.copyOf(data, data.length + 4);
        ByteBuffer.wrap(withHigh).putInt(data.length, high);
        try (IntegrityTransform transform = engine.integrity(integrity, key))
        {
            final ByteBuffer esnIcv = ByteBuffer.allocate(integrity.icvLength());
            final ByteBuffer appendedIcv = ByteBuffer.allocate(integrity.icvLength());
            final ByteBuffer plainIcv = ByteBuffer.allocate(integrity.icvLength());

            transform.sign(ByteBuffer.wrap(data), 0, data.length, true, high, esnIcv, 0);
            transform.sign(ByteBuffer.wrap(withHigh), 0, withHigh.length, false, 0, appendedIcv, 0);
            transform.sign(ByteBuffer.wrap(data), 0, data.length, false, high, plainIcv, 0);

            assertThat(esnIcv).isEqualTo(appendedIcv);
            assertThat(esnIcv).isNotEqualTo(plainIcv);
            assertThat(transform.verify(ByteBuffer.wrap(data), 0, data.length, true, high, esnIcv, 0)).isTrue();
            assertThat(transform.verify(ByteBuffer.wrap(data), 0, data.length, true, high + 1, esnIcv, 0)).isFalse();
            assertThat(transform.verify(ByteBuffer.wrap(data), 0, data.length, false, high, esnIcv, 0)).isFalse();
        }
    }

    /**
     * Signs {@code data} placed at an offset in a buffer of {@code kind} and checks the ICV against the
     * leftmost bytes of {@code expected} (all of it when the vector gives fewer bytes than the ICV).
     */
    private static void assertSignsAndVerifies(
        final IntegrityTransform transform, final BufferKind kind, final byte[] data, final byte[] expected)
    {
        final ByteBuffer buffer = kind.allocate(DATA_OFFSET + data.length + 7);
        buffer.put(DATA_OFFSET, data);
        final ByteBuffer icv = kind.allocate(ICV_OFFSET + transform.icvLength() + 2);
        final int compared = Math.min(transform.icvLength(), expected.length);
        buffer.limit(1);
        icv.limit(0);

        transform.sign(buffer, DATA_OFFSET, DATA_OFFSET + data.length, false, 0, icv, ICV_OFFSET);

        final byte[] produced = new byte[compared];
        icv.duplicate().clear().get(ICV_OFFSET, produced);
        assertThat(produced).isEqualTo(Arrays.copyOf(expected, compared));
        assertThat(buffer.position()).isZero();
        assertThat(buffer.limit()).isEqualTo(1);
        assertThat(icv.limit()).isZero();
        assertThat(transform.verify(buffer, DATA_OFFSET, DATA_OFFSET + data.length, false, 0, icv, ICV_OFFSET))
            .isTrue();
        final ByteBuffer icvBytes = icv.duplicate().clear();
        final int last = ICV_OFFSET + transform.icvLength() - 1;
        icvBytes.put(last, (byte)(icvBytes.get(last) ^ 1));
        assertThat(transform.verify(buffer, DATA_OFFSET, DATA_OFFSET + data.length, false, 0, icv, ICV_OFFSET))
            .isFalse();
    }
}
