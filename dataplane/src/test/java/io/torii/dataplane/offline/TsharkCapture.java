package io.torii.dataplane.offline;

import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.pcap.LinkType;
import io.torii.dataplane.pcap.PcapFrame;
import io.torii.dataplane.pcap.PcapReader;
import io.torii.dataplane.pcap.PcapWriter;
import io.torii.dataplane.status.Disposition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypts each case's cleartext with its own {@link CaptureProcessor}, as {@code torii pcap
 * encrypt} would, and joins the results into one raw-IP capture, so that one tshark run sees every
 * SA. Each case gets its own processor because a tunnel-mode SA takes any packet: with all SAs in
 * one processor, the first would take everything.
 */
final class TsharkCapture
{
    private static final long T0 = 1_700_000_000_000_000_000L;

    private TsharkCapture()
    {
    }

    /**
     * A frame of the joined capture and where it came from.
     *
     * @param number its frame number in the joined capture, from 1.
     * @param testCase the SA that protected it.
     * @param packet the index of its cleartext in the case.
     * @param bytes the protected packet as Torii wrote it.
     */
    record Frame(int number, TsharkCase testCase, int packet, byte[] bytes)
    {
    }

    /**
     * @param cases the SAs and their cleartext.
     * @param directory where to write the per-case files and the joined capture.
     * @param joined the joined capture's file name.
     * @return the joined capture's frames in order.
     * @throws IOException if a file cannot be written or read.
     * @throws AssertionError if Torii does not protect every packet of a case.
     */
    static List<Frame> write(final List<TsharkCase> cases, final Path directory, final String joined)
        throws IOException
    {
        final List<Frame> frames = new ArrayList<>();
        try (PcapWriter out = PcapWriter.open(directory.resolve(joined), LinkType.RAW))
        {
            for (int c = 0; c < cases.size(); c++)
            {
                final TsharkCase testCase = cases.get(c);
                final Path clear = directory.resolve("clear-" + c + ".pcap");
                final Path protectedFile = directory.resolve("protected-" + c + ".pcap");
                try (PcapWriter writer = PcapWriter.open(clear, LinkType.RAW))
                {
                    for (final byte[] packet : testCase.cleartext())
                    {
                        writer.write(T0, packet, 0, packet.length);
                    }
                }
                final CaptureReport report;
                try (CaptureProcessor processor = new CaptureProcessor(CaptureProcessor.Mode.ENCRYPT,
                    List.of(testCase.sa()), new JdkCryptoEngine()))
                {
                    report = processor.process(clear, protectedFile);
                }
                if (report.count(Disposition.OK) != testCase.cleartext().size() ||
                    report.framesWritten() != testCase.cleartext().size())
                {
                    throw new AssertionError(testCase + ": Torii protected " + report.count(Disposition.OK) +
                        " of " + testCase.cleartext().size() + " packets");
                }
                copy(protectedFile, out, testCase, frames);
            }
        }
        return frames;
    }

    private static void copy(final Path file, final PcapWriter out, final TsharkCase testCase,
        final List<Frame> frames) throws IOException
    {
        try (PcapReader reader = PcapReader.open(file))
        {
            final PcapFrame frame = new PcapFrame();
            int packet = 0;
            while (reader.next(frame))
            {
                final byte[] bytes = new byte[frame.capturedLength()];
                System.arraycopy(frame.data(), 0, bytes, 0, bytes.length);
                // Frames a microsecond apart, in case order, so tshark's frame numbers map back.
                out.write(T0 + frames.size() * 1_000L, bytes, 0, bytes.length);
                frames.add(new Frame(frames.size() + 1, testCase, packet++, bytes));
            }
        }
    }
}
