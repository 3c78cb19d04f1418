package io.torii.dataplane.port.afxdp;

import io.torii.dataplane.port.afxdp.NeighbourTable.IpKey;
import io.torii.nativeshim.PortHandle;
import io.torii.nativeshim.PortMessageArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Learns, on a thread of its own, the MAC address of the next hop of every destination an
 * {@link AfXdpPort} sends to, from the kernel: the route ({@code ip route get}) says whether the
 * destination is on a connected subnet (it is its own next hop) or behind a gateway; the neighbour
 * table ({@code ip neigh show dev IF}) gives the next hop's MAC. The result is published as an
 * immutable {@link NeighbourTable} that the worker reads per packet.
 *
 * <p>The worker asks for a destination it has no MAC for with {@link #request}, which allocates
 * nothing and never blocks (a full request ring drops the request; the next packet asks again).
 * A next hop the kernel has not resolved is made to resolve by sending it one UDP datagram to the
 * discard port (9) through an ordinary socket: the kernel runs ARP or neighbour discovery for it,
 * and the next round, a tenth of a second later, finds the answer. Routes and MACs are read again
 * every refresh interval, so a moved gateway or a changed MAC is followed.
 */
public final class NeighbourResolver implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger("io.torii.dataplane.port.afxdp");
    private static final int REQUEST_SLOTS = 64;
    private static final int DISCARD_PORT = 9;
    private static final long RETRY_NANOS = Duration.ofMillis(100).toNanos();

    private final String namespace;
    private final String interfaceName;
    private final long refreshNanos;
    private final long[] requestHighs = new long[REQUEST_SLOTS];
    private final long[] requestLows = new long[REQUEST_SLOTS];
    private final AtomicLong requestHead = new AtomicLong();
    private final AtomicLong requestTail = new AtomicLong();
    private final Set<IpKey> destinations = new LinkedHashSet<>();
    private final Map<IpKey, IpKey> nextHops = new HashMap<>();
    private final Thread thread;
    private volatile NeighbourTable table = NeighbourTable.EMPTY;
    private volatile boolean running = true;
    private long lastRouteRefresh;
    private PortHandle probeIpv4;
    private PortHandle probeIpv6;

    /**
     * Starts the resolver thread.
     *
     * @param namespace the interface's network namespace, or null for this process's.
     * @param interfaceName the interface packets leave through.
     * @param refresh how often routes and neighbours are read again.
     */
    public NeighbourResolver(final String namespace, final String interfaceName, final Duration refresh)
    {
        this.namespace = namespace;
        this.interfaceName = interfaceName;
        this.refreshNanos = refresh.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("torii-neighbours-" + interfaceName).unstarted(this::run);
        thread.start();
    }

    /** @return the current destination-to-MAC table; read per packet, replaced whole. */
    public NeighbourTable table()
    {
        return table;
    }

    /**
     * Asks for a destination's next hop to be resolved. Called by the one worker that owns the port;
     * allocates nothing.
     *
     * @param high the destination's first eight bytes (0 for IPv4).
     * @param low its last eight bytes ({@link NeighbourTable#ipv4Low(int)} for IPv4).
     */
    public void request(final long high, final long low)
    {
        final long tail = requestTail.get();
        if (tail - requestHead.get() < REQUEST_SLOTS)
        {
            final int slot = (int)(tail & (REQUEST_SLOTS - 1));
            requestHighs[slot] = high;
            requestLows[slot] = low;
            requestTail.lazySet(tail + 1);
            LockSupport.unpark(thread);
        }
    }

    /**
     * Reads an interface's own MAC address from the kernel.
     *
     * @param namespace the namespace, or null.
     * @param interfaceName the interface.
     * @return the MAC in the low 48 bits.
     * @throws IllegalStateException when the interface is missing or has no Ethernet address.
     */
    public static long interfaceMac(final String namespace, final String interfaceName)
    {
        final String output = IpCommand.run(namespace, "-o", "link", "show", "dev", interfaceName);
        final String[] words = output.strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++)
        {
            if (words[i].equals("link/ether"))
            {
                return parseMac(words[i + 1]);
            }
        }
        throw new IllegalStateException(interfaceName + " has no Ethernet address: " + output.strip());
    }

    /**
     * @param text six colon-separated hex bytes.
     * @return the MAC in the low 48 bits.
     */
    static long parseMac(final String text)
    {
        final String[] parts = text.split(":");
        if (parts.length != 6)
        {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long mac = 0;
        for (final String part : parts)
        {
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }

    private void run()
    {
        while (running)
        {
            boolean unresolved = false;
            try
            {
                drainRequests();
                unresolved = refresh();
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "cannot resolve next hops on " + interfaceName, ex);
            }
            if (running)
            {
                LockSupport.parkNanos(this, unresolved ? RETRY_NANOS : refreshNanos);
            }
        }
        closeProbes();
    }

    private void drainRequests()
    {
        final long tail = requestTail.get();
        for (long head = requestHead.get(); head < tail; head++)
        {
            final int slot = (int)(head & (REQUEST_SLOTS - 1));
            destinations.add(new IpKey(requestHighs[slot], requestLows[slot]));
        }
        requestHead.set(tail);
    }

    /** One round: routes when due, then neighbours; returns true when a next hop is still unknown. */
    private boolean refresh()
    {
        if (destinations.isEmpty())
        {
            return false;
        }
        final long now = System.nanoTime();
        final boolean routesDue = now - lastRouteRefresh >= refreshNanos;
        for (final IpKey destination : destinations)
        {
            if (routesDue || !nextHops.containsKey(destination))
            {
                nextHops.put(destination, nextHop(destination));
            }
        }
        if (routesDue)
        {
            lastRouteRefresh = now;
        }
        final Map<IpKey, Long> neighbours = neighbours();
        final Map<IpKey, Long> resolved = new HashMap<>();
        boolean unresolved = false;
        for (final IpKey destination : destinations)
        {
            final IpKey hop = nextHops.get(destination);
            final Long mac = neighbours.get(hop);
            if (mac != null)
            {
                resolved.put(destination, mac);
            }
            else
            {
                unresolved = true;
                probe(hop);
            }
        }
        table = new NeighbourTable(resolved);
        return unresolved;
    }

    /** The gateway of the destination's route, or the destination itself on a connected subnet. */
    private IpKey nextHop(final IpKey destination)
    {
        final String output = IpCommand.run(namespace, "route", "get", text(destination));
        final String[] words = output.strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++)
        {
            if (words[i].equals("via"))
            {
                // "via inet6 ADDR" names the family first when it differs from the destination's.
                final String gateway = words[i + 1].startsWith("inet") && i + 2 < words.length ? words[i + 2] :
                    words[i + 1];
                return key(InetAddress.ofLiteral(gateway));
            }
        }
        return destination;
    }

    private Map<IpKey, Long> neighbours()
    {
        final Map<IpKey, Long> macs = new HashMap<>();
        for (final String line : IpCommand.run(namespace, "neigh", "show", "dev", interfaceName).split("\n"))
        {
            final String[] words = line.strip().split("\\s+");
            final boolean usable = !line.contains("FAILED") && !line.contains("INCOMPLETE");
            for (int i = 1; i + 1 < words.length && usable; i++)
            {
                if (words[i].equals("lladdr"))
                {
                    macs.put(key(InetAddress.ofLiteral(words[0])), parseMac(words[i + 1]));
                }
            }
        }
        return macs;
    }

    /** Sends one datagram to the discard port so that the kernel resolves the next hop. */
    private void probe(final IpKey hop)
    {
        final boolean ipv4 = hop.high() == NeighbourTable.IPV4_MAPPED_HIGH &&
            (hop.low() >>> 32) == 0xFFFFL;
        try (PortMessageArray messages = new PortMessageArray(); Arena arena = Arena.ofConfined())
        {
            final MemorySegment payload = arena.allocate(1);
            messages.buffer(0, payload, 0, 1);
            if (ipv4)
            {
                messages.peerIpv4(0, (int)hop.low(), DISCARD_PORT);
                probeSocket(true).send(messages, 1);
            }
            else
            {
                messages.peerIpv6(0, hop.high(), hop.low(), 0, DISCARD_PORT);
                probeSocket(false).send(messages, 1);
            }
        }
    }

    private PortHandle probeSocket(final boolean ipv4)
    {
        if (ipv4 && probeIpv4 == null)
        {
            probeIpv4 = PortHandle.openUdp(namespace, new InetSocketAddress(wildcard(4), 0), 0, 0, false);
        }
        if (!ipv4 && probeIpv6 == null)
        {
            probeIpv6 = PortHandle.openUdp(namespace, new InetSocketAddress(wildcard(16), 0), 0, 0, false);
        }
        return ipv4 ? probeIpv4 : probeIpv6;
    }

    private static InetAddress wildcard(final int length)
    {
        try
        {
            return InetAddress.getByAddress(new byte[length]);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void closeProbes()
    {
        if (probeIpv4 != null)
        {
            probeIpv4.close();
        }
        if (probeIpv6 != null)
        {
            probeIpv6.close();
        }
    }

    /** @return the table key of an address. */
    static IpKey key(final InetAddress address)
    {
        final ByteBuffer bytes = ByteBuffer.wrap(address.getAddress());
        return address instanceof Inet4Address ? IpKey.ipv4(bytes.getInt()) :
            new IpKey(bytes.getLong(), bytes.getLong());
    }

    private static String text(final IpKey key)
    {
        final ByteBuffer bytes = ByteBuffer.allocate(16).putLong(key.high()).putLong(key.low());
        try
        {
            final boolean ipv4 = key.high() == 0 && (key.low() >>> 32) == 0xFFFFL;
            final InetAddress address = ipv4 ? InetAddress.getByAddress(Arrays.copyOfRange(bytes.array(), 12, 16)) :
                Inet6Address.getByAddress(null, bytes.array(), -1);
            return address.getHostAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Stops the thread and closes its sockets; waits at most a second. */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
