package io.torii.ike.daemon;

import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import java.util.Deque;
import java.util.List;

/**
 * Two daemons' SA managers wired back to back in memory, as the manager tests drive them: what each sends
 * waits in a queue until {@link #pump} delivers it, and each installs its Child SAs into a list.
 */
final class BackToBack
{
    private BackToBack()
    {
    }

    /**
     * Delivers what is in flight, both ways, until both queues are empty (20 rounds at most).
     *
     * @param toSun what moon sent.
     * @param toMoon what sun sent.
     * @param moon moon's manager.
     * @param sun sun's manager.
     * @param now the time of delivery.
     */
    static void pump(final Deque<IkeDatagram> toSun, final Deque<IkeDatagram> toMoon, final IkeSaManager moon,
        final IkeSaManager sun, final long now)
    {
        for (int round = 0; round < 20 && !(toSun.isEmpty() && toMoon.isEmpty()); round++)
        {
            while (!toSun.isEmpty())
            {
                sun.onDatagram(arrived(toSun.poll()), now);
            }
            while (!toMoon.isEmpty())
            {
                moon.onDatagram(arrived(toMoon.poll()), now);
            }
        }
    }

    /** A datagram as its receiver sees it: the two ends swapped. */
    static IkeDatagram arrived(final IkeDatagram sent)
    {
        return new IkeDatagram(sent.remote(), sent.local(), sent.message());
    }

    /**
     * @param installed where installed pairs go; removal takes them out again.
     * @param removed where every pair asked to be removed goes, installed or not.
     * @param firstSpi the first SPI handed out.
     * @return an installer that records into the lists.
     */
    static ChildSaInstaller recorder(final List<ChildSa> installed, final List<ChildSa> removed, final int firstSpi)
    {
        return new ChildSaInstaller()
        {
            private int next = firstSpi;

            @Override
            public int allocateSpi()
            {
                return next++;
            }

            @Override
            public String install(final ChildSa childSa)
            {
                installed.add(childSa);
                return null;
            }

            @Override
            public String remove(final ChildSa childSa)
            {
                removed.add(childSa);
                return installed.remove(childSa) ? null : "not installed";
            }
        };
    }
}
