package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * open() refuses every packet it should and never throws: any single flipped bit of header, IV,
 * ciphertext or ICV, a wrong ESN high word, the other ESN setting, the wrong key, and offsets that do
 * not describe a packet in the buffer.
 */
class EspTamperTest
{
    private static final int SPI = 0x00c0ffee;
    /** With ESN the high word takes part in the ICV but is never sent. */
    private static final long SEQUENCE = 0x0000_0007_0000_002AL;

    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    static Stream<Arguments> suites()
    {
        return Suite.all().stream()
            .flatMap(suite -> Stream.of(BufferKind.values()).map(kind -> Arguments.of(suite, kind)));
    }

    static Stream<Arguments> cbcSuites()
    {
        return suites().filter(arguments ->
            ((Suite)arguments.get()[0]).encryption().kind() == EncryptionAlgorithm.Kind.CIPHER);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("suites")
    void everySingleBitFlipOfTheProtectedBytesIsRefused(final Suite suite, final BufferKind kind)
    {
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket sealed = sealed(sender, kind, true);
            final int firstBit = sealed.espOffset * 8;
            final int lastBit = (sealed.trailerEnd + sealed.icvLength) * 8;
            assertThat(receiver.open(sealed.copy().buffer, sealed.espOffset, sealed.trailerEnd, SEQUENCE, true))
                .isTrue();

            for (int bit = firstBit; bit < lastBit; bit++)
            {
                final EspPacket tampered = sealed.copy();
                tampered.flipBit(bit);

                assertThat(receiver.open(tampered.buffer, tampered.espOffset, tampered.trailerEnd, SEQUENCE, true))
                    .as("bit %d of %d", bit - firstBit, lastBit - firstBit)
                    .isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("suites")
    void aWrongEsnHighWordIsRefused(final Suite suite, final BufferKind kind)
    {
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket sealed = sealed(sender, kind, true);
            for (final long wrong : new long[] {SEQUENCE + (1L << 32), SEQUENCE - (1L << 32), SEQUENCE ^ (1L << 63)})
            {
                final EspPacket packet = sealed.copy();
                assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, wrong, true)).isFalse();
            }
            final EspPacket packet = sealed.copy();
            assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, SEQUENCE, true)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("suites")
    void theOtherEsnSettingIsRefused(final Suite suite, final BufferKind kind)
    {
        final long lowOnly = Integer.toUnsignedLong((int)SEQUENCE);
        try (EspTransform esnSender = suite.open(engine);
            EspTransform plainSender = suite.open(engine);
            EspTransform receiver = suite.open(engine))
        {
            final EspPacket withEsn = sealed(esnSender, kind, true);
            assertThat(receiver.open(withEsn.buffer, withEsn.espOffset, withEsn.trailerEnd, SEQUENCE, false))
                .isFalse();

            // Sealed without ESN, opened with ESN and a high word of zero: the ICV input still differs.
            final EspPacket withoutEsn = EspPacket.withPayload(kind, plainSender, SPI, lowOnly, new byte[21]);
            plainSender.seal(withoutEsn.buffer, withoutEsn.espOffset, withoutEsn.trailerEnd, lowOnly, false);
            assertThat(receiver.open(withoutEsn.buffer, withoutEsn.espOffset, withoutEsn.trailerEnd, lowOnly, true))
                .isFalse();
        }
    }

    /** The key that authenticates differs: the integrity key, or for combined modes key and salt. */
    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("suites")
    void aReceiverWithOtherKeysRefuses(final Suite suite, final BufferKind kind)
    {
        final byte[] encryptionKey = suite.encryptionKey();
        final byte[] integrityKey = suite.integrityKey();
        if (suite.encryption().isCombinedMode())
        {
            encryptionKey[encryptionKey.length - 1] ^= 1;
        }
        else
        {
            integrityKey[0] ^= 1;
        }
        try (EspTransform sender = suite.open(engine);
            EspTransform stranger = engine.esp(suite.encryption(), suite.integrity(), encryptionKey, integrityKey))
        {
            final EspPacket packet = sealed(sender, kind, false);

            assertThat(stranger.open(packet.buffer, packet.espOffset, packet.trailerEnd, SEQUENCE, false)).isFalse();
        }
    }

    /** Encrypt-then-MAC: the HMAC key alone authenticates, so a wrong AES key shows as wrong plaintext. */
    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("cbcSuites")
    void withCbcAWrongCipherKeyPassesTheIcvButYieldsOtherPlaintext(final Suite suite, final BufferKind kind)
    {
        final byte[] encryptionKey = suite.encryptionKey();
        encryptionKey[0] ^= 1;
        try (EspTransform sender = suite.open(engine);
            EspTransform stranger = engine.esp(suite.encryption(), suite.integrity(), encryptionKey,
                suite.integrityKey()))
        {
            final EspPacket packet = EspPacket.withPayload(kind, sender, SPI, SEQUENCE, new byte[40]);
            final byte[] plaintext = packet.data();
            sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, SEQUENCE, false);

            assertThat(stranger.open(packet.buffer, packet.espOffset, packet.trailerEnd, SEQUENCE, false)).isTrue();
            assertThat(packet.data()).isNotEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("suites")
    void offsetsThatDoNotDescribeAPacketAreRefusedWithoutThrowing(final Suite suite, final BufferKind kind)
    {
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket packet = sealed(sender, kind, false);
            final ByteBuffer buffer = packet.buffer;
            final int esp = packet.espOffset;
            final int end = packet.trailerEnd;
            final int capacity = buffer.capacity();
            final int[][] bad = {
                {-1, end},
                {esp, end + capacity},
                {esp, capacity - sender.icvLength() + 1},
                {esp, esp + EspLayout.HEADER_LENGTH + sender.ivLength() - 1},
                {capacity, capacity},
                {Integer.MAX_VALUE - 4, Integer.MAX_VALUE},
                {Integer.MIN_VALUE, 0},
                {esp + 1, end},
            };
            for (final int[] offsets : bad)
            {
                assertThatCode(() -> assertThat(receiver.open(buffer, offsets[0], offsets[1], SEQUENCE, false))
                    .as("espOffset %d, trailerEnd %d", offsets[0], offsets[1]).isFalse())
                    .doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torii.dataplane.crypto.jdk.Suite#all")
    void aTruncatedPacketIsRefused(final Suite suite)
    {
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket packet = sealed(sender, BufferKind.HEAP, false);
            final byte[] wire = packet.wire();
            for (int cut = 1; cut <= 4; cut++)
            {
                final ByteBuffer truncated = ByteBuffer.wrap(Arrays.copyOf(wire, wire.length - cut));
                final int trailerEnd = truncated.capacity() - sender.icvLength();
                assertThat(receiver.open(truncated, 0, trailerEnd, SEQUENCE, false)).isFalse();
            }
        }
    }

    /**
     * Without ESN only the low half is authenticated (RFC 4303 §2.2.1): a receiver that guesses another
     * high half still accepts. With the combined modes the high half of the IV is what was sent.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torii.dataplane.crypto.jdk.Suite#all")
    void withoutEsnTheHighWordTakesNoPart(final Suite suite)
    {
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket packet = sealed(sender, BufferKind.DIRECT, false);

            assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, SEQUENCE + (5L << 32), false))
                .isTrue();
        }
    }

    private static EspPacket sealed(final EspTransform sender, final BufferKind kind, final boolean esn)
    {
        final byte[] payload = new byte[21];
        Arrays.fill(payload, (byte)0x42);
        final EspPacket packet = EspPacket.withPayload(kind, sender, SPI, SEQUENCE, payload);
        sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, SEQUENCE, esn);
        return packet;
    }

}
