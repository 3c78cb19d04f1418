package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.crypto.EspTransform;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For AES-CBC and NULL with HMAC the only per-packet allocation left is the digest array the JDK's
 * {@code Mac.doFinal} returns: one per seal and one per open. Anything of ours that allocated per
 * packet (a buffer duplicate, a parameter object, a copy) would push the count above that.
 *
 * <p>The combined modes are not held to a number: {@code Cipher.init} and SunJCE's GCM and
 * ChaCha20-Poly1305 allocate per packet inside the JDK (about 1.4 and 3.2 times the packet for a seal
 * and an open on JDK 25), which no public API avoids.
 */
class PerPacketAllocationTest
{
    private static final int PAYLOAD = 1400;
    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 5_000;
    /** An array header with or without compressed class pointers, and then some. */
    private static final int ARRAY_OVERHEAD = 32;

    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    static Stream<Arguments> hmacSuites()
    {
        return Suite.all().stream()
            .filter(suite -> !suite.encryption().isCombinedMode())
            .flatMap(suite -> Stream.of(BufferKind.values()).map(kind -> Arguments.of(suite, kind)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("hmacSuites")
    void sealAndOpenAllocateOnlyTheJdksDigestArrays(final Suite suite, final BufferKind kind)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean bean && bean.isThreadAllocatedMemoryEnabled(),
            "per-thread allocation counting is not available");
        final com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean)threads;
        final long thread = Thread.currentThread().threadId();
        try (EspTransform sender = suite.open(engine); EspTransform receiver = suite.open(engine))
        {
            final EspPacket packet = EspPacket.withPayload(kind, sender, 0x4242, 1, new byte[PAYLOAD]);
            long sequence = 1;
            for (int i = 0; i < WARM_UP; i++)
            {
                sealAndOpen(sender, receiver, packet, sequence++);
            }

            final long before = counter.getThreadAllocatedBytes(thread);
            for (int i = 0; i < MEASURED; i++)
            {
                sealAndOpen(sender, receiver, packet, sequence++);
            }
            final long perPacket = (counter.getThreadAllocatedBytes(thread) - before) / MEASURED;

            final int digestLength = suite.integrity().keyLength();
            assertThat(perPacket)
                .as("bytes allocated per seal and open with %s, over two %d-byte digests", suite, digestLength)
                .isLessThanOrEqualTo(2L * (digestLength + ARRAY_OVERHEAD));
        }
    }

    private static void sealAndOpen(
        final EspTransform sender, final EspTransform receiver, final EspPacket packet, final long sequence)
    {
        sender.seal(packet.buffer, packet.espOffset, packet.trailerEnd, sequence, true);
        if (!receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, sequence, true))
        {
            throw new AssertionError("packet " + sequence + " did not open");
        }
    }
}
