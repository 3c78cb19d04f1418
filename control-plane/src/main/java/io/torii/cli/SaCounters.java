package io.torii.cli;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.CountersSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bytes and packets per SA and direction, read from the daemon's counters file
 * ({@code RUN_DIR/counters.dat}) the way {@code torii stats} reads it; empty when it cannot be read.
 */
final class SaCounters
{
    /** The traffic of one SA in one direction, summed over the workers that count it. */
    record Traffic(long bytes, long packets)
    {
    }

    private static final SaCounters NONE = new SaCounters(Map.of());

    private final Map<String, Traffic> bySpi;

    private SaCounters(final Map<String, Traffic> bySpi)
    {
        this.bySpi = bySpi;
    }

    /**
     * @param runDirectory the daemon's run directory.
     * @return its counters, or none when the file is missing or unreadable.
     */
    static SaCounters read(final Path runDirectory)
    {
        try (CountersFile file = CountersFile.openReadOnly(runDirectory))
        {
            return of(CountersSnapshot.read(file));
        }
        catch (final IOException | IllegalStateException ex)
        {
            return NONE;
        }
    }

    /**
     * @param snapshot a counters snapshot.
     * @return its per-SA traffic.
     */
    static SaCounters of(final CountersSnapshot snapshot)
    {
        return of(snapshot.sas());
    }

    /**
     * @param sas the SA rows of a counters snapshot.
     * @return their traffic, summed per SPI and direction.
     */
    static SaCounters of(final List<CountersSnapshot.Sa> sas)
    {
        final Map<String, Traffic> bySpi = new HashMap<>();
        for (final CountersSnapshot.Sa sa : sas)
        {
            if (sa.direction() != null)
            {
                bySpi.merge(key(sa.direction(), Integer.toUnsignedLong(sa.spi())),
                    new Traffic(sa.bytes(), sa.packets()),
                    (a, b) -> new Traffic(a.bytes() + b.bytes(), a.packets() + b.packets()));
            }
        }
        return new SaCounters(bySpi);
    }

    /**
     * @param direction which SA of the pair.
     * @param spi its SPI.
     * @return its traffic, when the dataplane counts it.
     */
    Optional<Traffic> traffic(final Direction direction, final long spi)
    {
        return Optional.ofNullable(bySpi.get(key(direction, spi)));
    }

    private static String key(final Direction direction, final long spi)
    {
        return direction.name() + ":" + spi;
    }
}
