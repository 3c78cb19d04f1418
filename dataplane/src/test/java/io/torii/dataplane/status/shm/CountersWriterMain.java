package io.torii.dataplane.status.shm;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import java.nio.file.Path;

/**
 * A stand-in daemon for tests that need the writer in another process: creates the counters file
 * in {@code args[0]}, counts known values, prints {@code ready}, then waits for its standard input
 * to close. With {@code args[1]} = {@code close} it then closes the file as a clean shutdown does;
 * with {@code crash} it halts without closing, as a killed daemon would.
 */
public final class CountersWriterMain
{
    /** The SPI of the one SA it counts under. */
    public static final int SPI = 0x0000_1000;

    private CountersWriterMain()
    {
    }

    /**
     * @param args the run directory, then {@code close} or {@code crash}.
     * @throws Exception when the file cannot be made.
     */
    public static void main(final String[] args) throws Exception
    {
        final CountersFile file = CountersFile.create(Path.of(args[0]), 128);
        final DispositionCounters source = new DispositionCounters(4);
        final WorkerCounters worker = new WorkerCounters(file.manager(), 3, source, 4);
        worker.saInstalled(2, "sa-out", SPI, IpsecProtocol.ESP, Direction.OUTBOUND);
        for (int i = 0; i < 5; i++)
        {
            source.increment(2, Disposition.OK);
        }
        source.increment(2, Disposition.ICV_FAILURE);
        source.increment(2, Disposition.ICV_FAILURE);
        worker.addSaBytes(2, 5 * 120);
        worker.publish();
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0)
        {
            // Waits for the test to close our input.
        }
        if ("crash".equals(args[1]))
        {
            Runtime.getRuntime().halt(0);
        }
        worker.close();
        file.close();
    }
}
