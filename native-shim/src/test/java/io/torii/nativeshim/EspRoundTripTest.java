package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every suite, with and without ESN: seal then open gives the plaintext back; the IV seal writes is
 * the sequence number for the combined modes and fresh for CBC; and a change to any byte the ICV
 * covers, or to the ICV, or a wrong high sequence half under ESN, fails open and leaves every byte
 * of the packet as it was received.
 */
class EspRoundTripTest
{
    private static final int SPI = 0x0BAD_F00D;

    static Stream<Arguments> suites()
    {
        return Suite.all().stream().flatMap(suite -> Stream.of(Arguments.of(suite, false), Arguments.of(suite, true)));
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void sealThenOpenGivesThePlaintextBack(final Suite suite, final boolean esn)
    {
        final byte[] plaintext = TestPackets.pattern(suite.plaintextLength(97), 3);
        final long sequence = esn ? 0x0000_0002_FFFF_FFF0L : 0x0000_0000_0000_0102L;
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = suite.install(manager);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment first = sealed(arena, manager, key, jobs, plaintext, sequence, esn);
            final MemorySegment second = sealed(arena, manager, key, jobs, plaintext, sequence + 1, esn);
            final int ivLength = suite.ivLength();
            final byte[] encrypted = bytes(first, ESP_OFFSET + 8 + ivLength, plaintext.length);
            final boolean clear = suite.cipher() == IpsecMbCipher.NULL || suite.cipher().name().contains("GMAC");
            assertThat(encrypted).as("payload after seal").matches(
                bytes -> clear == Arrays.equals(bytes, plaintext));
            if (suite.cipher().isCombined())
            {
                assertThat(bytes(first, ESP_OFFSET + 8, 8)).isEqualTo(TestPackets.be64(sequence));
            }
            if (suite.cipher().isCbc())
            {
                assertThat(bytes(first, ESP_OFFSET + 8, 16)).isNotEqualTo(bytes(second, ESP_OFFSET + 8, 16));
            }

            jobs.set(0, first, ESP_OFFSET, TestPackets.icvOffset(ivLength, plaintext.length), key, esn,
                (int)(sequence >>> 32));
            jobs.set(1, second, ESP_OFFSET, TestPackets.icvOffset(ivLength, plaintext.length), key, esn,
                (int)((sequence + 1) >>> 32));
            assertThat(manager.open(jobs, 2)).isEqualTo(2);
            assertThat(bytes(first, ESP_OFFSET + 8 + ivLength, plaintext.length)).isEqualTo(plaintext);
            assertThat(bytes(second, ESP_OFFSET + 8 + ivLength, plaintext.length)).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "{0} esn={1}")
    @MethodSource("suites")
    void anyChangeFailsOpenAndLeavesThePacketAsReceived(final Suite suite, final boolean esn)
    {
        final byte[] plaintext = TestPackets.pattern(suite.plaintextLength(40), 9);
        final long sequence = esn ? 0x0000_0007_0000_0001L : 0x0000_0000_0000_0005L;
        final int ivLength = suite.ivLength();
        final int icvOffset = TestPackets.icvOffset(ivLength, plaintext.length);
        final int[] tampered = ivLength == 0
            ? new int[] {0, 4, 8, icvOffset - 1, icvOffset, icvOffset + suite.icvLength() - 1}
            : new int[] {0, 4, 8, 8 + ivLength, icvOffset - 1, icvOffset, icvOffset + suite.icvLength() - 1};

        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = suite.install(manager);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment packet = sealed(arena, manager, key, jobs, plaintext, sequence, esn);
            final byte[] asSealed = bytes(packet);
            final MemorySegment[] copies = new MemorySegment[tampered.length];
            for (int i = 0; i < tampered.length; i++)
            {
                copies[i] = arena.allocate(packet.byteSize());
                copies[i].copyFrom(packet);
                TestPackets.flip(copies[i], ESP_OFFSET + tampered[i]);
                jobs.set(i, copies[i], ESP_OFFSET, icvOffset, key, esn, (int)(sequence >>> 32));
            }
            final MemorySegment wrongHigh = arena.allocate(packet.byteSize());
            wrongHigh.copyFrom(packet);
            jobs.set(tampered.length, wrongHigh, ESP_OFFSET, icvOffset, key, esn, (int)(sequence >>> 32) + 1);
            final int count = tampered.length + (esn ? 1 : 0);

            assertThat(manager.open(jobs, count)).isZero();
            for (int i = 0; i < count; i++)
            {
                assertThat(jobs.status(i)).as("job %d", i).isEqualTo(JobStatus.AUTH_FAILED);
            }
            for (int i = 0; i < tampered.length; i++)
            {
                final byte[] expected = asSealed.clone();
                expected[ESP_OFFSET + tampered[i]] ^= 0x01;
                assertThat(bytes(copies[i])).as("byte %d changed", tampered[i]).isEqualTo(expected);
            }
            if (esn)
            {
                assertThat(bytes(wrongHigh)).isEqualTo(asSealed);
            }
        }
    }

    private static MemorySegment sealed(
        final Arena arena,
        final IpsecMbManager manager,
        final IpsecMbKey key,
        final EspJobArray jobs,
        final byte[] plaintext,
        final long sequence,
        final boolean esn)
    {
        final MemorySegment packet = TestPackets.esp(arena, SPI, sequence, new byte[key.ivLength()], plaintext,
            key.icvLength());
        jobs.set(0, packet, ESP_OFFSET, TestPackets.icvOffset(key.ivLength(), plaintext.length), key, esn,
            (int)(sequence >>> 32));
        assertThat(manager.seal(jobs, 1)).isEqualTo(1);
        return packet;
    }
}
