package io.torii.ike.daemon;

import io.torii.ike.config.PskSwanctl;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.RetransmitSchedule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two daemons' SA managers, moon and sun, wired back to back in memory with a clock the test moves: sun
 * can die (its messages and those for it vanish) and be replaced by a fresh daemon, as when strongSwan is
 * killed and restarted. Each side's installer records pairs and trap policies. Retransmission is quick
 * (1 s, 2 s, then give up after 3 s more) so that a dead peer is found within seconds of test time.
 */
final class LifecyclePeers
{
    static final InetAddress MOON = InetAddress.ofLiteral("192.0.2.1");
    static final InetAddress SUN = InetAddress.ofLiteral("192.0.2.2");
    static final RetransmitSchedule QUICK = new RetransmitSchedule(1.0, 2.0, 2, 0, 0);
    private static final long SECOND = 1_000_000_000L;

    final Deque<IkeDatagram> toSun = new ArrayDeque<>();
    final Deque<IkeDatagram> toMoon = new ArrayDeque<>();
    final RecordingTraps moonDataplane = new RecordingTraps(0x1000_0001);
    final RecordingTraps sunDataplane = new RecordingTraps(0x2000_0001);
    private final ByteArrayOutputStream moonLog = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sunLog = new ByteArrayOutputStream();
    private final String moonConnection;
    private final String moonChildren;
    private final String sunConnection;
    private final String sunChildren;
    IkeSaManager moon;
    IkeSaManager sun;
    boolean sunAlive = true;
    long now;

    /** An installer that records pairs and traps, as the dataplane would hold them. */
    static final class RecordingTraps implements ChildSaInstaller
    {
        final List<ChildSa> pairs = new ArrayList<>();
        final Map<Integer, String> traps = new LinkedHashMap<>();
        /** Installs and removals in order, as "install|remove name inboundSpi". */
        final List<String> events = new ArrayList<>();
        /** What {@link #settled()} says: false plays a dataplane that has not yet answered what it was asked. */
        boolean settled = true;
        private int nextSpi;
        private int nextPolicy = 100;

        RecordingTraps(final int firstSpi)
        {
            nextSpi = firstSpi;
        }

        @Override
        public int allocateSpi()
        {
            return nextSpi++;
        }

        @Override
        public String install(final ChildSa childSa)
        {
            pairs.add(childSa);
            events.add("install " + childSa.name() + " " + Integer.toHexString(childSa.inboundSpi()));
            return null;
        }

        @Override
        public String remove(final ChildSa childSa)
        {
            events.add("remove " + childSa.name() + " " + Integer.toHexString(childSa.inboundSpi()));
            return pairs.remove(childSa) ? null : "not installed";
        }

        @Override
        public int installTrap(final String localSelectors, final String remoteSelectors)
        {
            final int policy = nextPolicy++;
            traps.put(policy, localSelectors + " === " + remoteSelectors);
            return policy;
        }

        @Override
        public String removeTrap(final int policyId)
        {
            return traps.remove(policyId) != null ? null : "no trap " + policyId;
        }

        @Override
        public boolean settled()
        {
            return settled;
        }

        /** @return the one trap's policy id. */
        int onlyTrap()
        {
            if (traps.size() != 1)
            {
                throw new AssertionError("expected one trap, found " + traps);
            }
            return traps.keySet().iterator().next();
        }
    }

    /**
     * @param moonConnection lines for moon's {@code gw} connection section (dpd_delay, unique...).
     * @param moonChildren lines for moon's {@code net} child section (actions).
     * @param sunConnection lines for sun's connection section.
     * @param sunChildren lines for sun's child section.
     */
    LifecyclePeers(final String moonConnection, final String moonChildren, final String sunConnection,
        final String sunChildren)
    {
        this.moonConnection = moonConnection;
        this.moonChildren = moonChildren;
        this.sunConnection = sunConnection;
        this.sunChildren = sunChildren;
        this.moon = moonManager();
        this.sun = sunManager();
    }

    /** @return a fresh moon daemon (its installer recording into the same dataplane), as after a restart. */
    IkeSaManager moonManager()
    {
        return moonManagerAt(MOON);
    }

    /**
     * @param address where this moon is.
     * @return a fresh moon daemon at that address, with moon's identity and dataplane recorder.
     */
    IkeSaManager moonManagerAt(final InetAddress address)
    {
        return new IkeSaManager(connections(swanctl(address.getHostAddress(), "192.0.2.2", "moon.example",
            "sun.example", "10.1.0.0/24", "10.2.0.0/24", moonConnection, moonChildren), address), new SecureRandom(),
            moonDataplane, toSun::add, new PrintStream(moonLog, true, StandardCharsets.UTF_8),
            HalfOpenLimits.STRONGSWAN_DEFAULTS);
    }

    /**
     * @param childLines lines for the child sections.
     * @return moon's connections with other child settings, as a reload would read them.
     */
    static List<Connection> moonConnections(final String childLines)
    {
        return connections(swanctl("192.0.2.1", "192.0.2.2", "moon.example", "sun.example", "10.1.0.0/24",
            "10.2.0.0/24", "", childLines), MOON);
    }

    /** @return a fresh sun daemon, as after strongSwan is restarted. */
    IkeSaManager sunManager()
    {
        return new IkeSaManager(connections(swanctl("192.0.2.2", "192.0.2.1", "sun.example", "moon.example",
            "10.2.0.0/24", "10.1.0.0/24", sunConnection, sunChildren), SUN), new SecureRandom(), sunDataplane,
            toMoon::add, new PrintStream(sunLog, true, StandardCharsets.UTF_8), HalfOpenLimits.STRONGSWAN_DEFAULTS);
    }

    private static String swanctl(final String self, final String peer, final String selfId, final String peerId,
        final String localTs, final String remoteTs, final String connectionLines, final String childLines)
    {
        final PskSwanctl gateway = GatewaySwanctl.gateway(self, peer, selfId, peerId);
        connectionLines.lines().forEach(gateway::line);
        final String[] children = childLines.lines().toArray(String[]::new);
        return gateway.child("net", localTs, remoteTs, "aes256gcm16", children)
            .child("extra", localTs.replace(".0/24", ".128/25"), remoteTs.replace(".0/24", ".128/25"), "aes256gcm16",
                children)
            .text();
    }

    private static List<Connection> connections(final String text, final InetAddress fallback)
    {
        return GatewaySwanctl.connections(text, fallback, QUICK);
    }

    /** A datagram as its receiver sees it: the two ends swapped. */
    private static IkeDatagram arrived(final IkeDatagram sent)
    {
        return new IkeDatagram(sent.remote(), sent.local(), sent.message());
    }

    /** Delivers what is in flight until both sides are quiet; what goes to or comes from a dead sun is lost. */
    void pump()
    {
        for (int round = 0; round < 50 && !(toSun.isEmpty() && toMoon.isEmpty()); round++)
        {
            while (!toSun.isEmpty())
            {
                final IkeDatagram datagram = toSun.poll();
                if (sunAlive)
                {
                    sun.onDatagram(arrived(datagram), now);
                }
            }
            while (!toMoon.isEmpty())
            {
                final IkeDatagram datagram = toMoon.poll();
                if (sunAlive)
                {
                    moon.onDatagram(arrived(datagram), now);
                }
            }
        }
    }

    /**
     * Moves the clock second by second, running both sides' timers and delivering what they send.
     *
     * @param seconds how long.
     */
    void advance(final int seconds)
    {
        for (int i = 0; i < seconds; i++)
        {
            now += SECOND;
            moon.onTimer(now);
            if (sunAlive)
            {
                sun.onTimer(now);
            }
            pump();
        }
    }

    /** strongSwan killed: sun answers nothing from now on. */
    void killSun()
    {
        sunAlive = false;
        sun.closeSilently();
        sunDataplane.pairs.clear();
        toSun.clear();
        toMoon.clear();
    }

    /** strongSwan started again: a sun that remembers nothing. */
    void restartSun()
    {
        sun = sunManager();
        sunAlive = true;
    }

    String moonLog()
    {
        return moonLog.toString(StandardCharsets.UTF_8);
    }

    String sunLog()
    {
        return sunLog.toString(StandardCharsets.UTF_8);
    }

    /** @return how often a text occurs in a log. */
    static int count(final String log, final String text)
    {
        int count = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1))
        {
            count++;
        }
        return count;
    }
}
