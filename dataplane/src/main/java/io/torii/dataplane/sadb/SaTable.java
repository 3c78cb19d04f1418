package io.torii.dataplane.sadb;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityTransform;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import io.torii.dataplane.replay.ReplayWindow;
import io.torii.dataplane.status.DispositionCounters;
import java.net.InetAddress;
import java.nio.ByteOrder;
import org.agrona.BufferUtil;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The SAs one worker owns: for each slot the cold {@link SaConfig}, the off-heap hot runtime
 * ({@link SaRuntimeFlyweight}), the transforms with prepared keys and, inbound, the replay window.
 *
 * <p>Installing prepares keys and builds the outer header template once; removing closes the
 * transforms, zeroes every key copy and the runtime. Inbound SAs are found by protocol and SPI.
 * Not thread-safe: owned by one worker, which is why sequence numbers and replay windows need no
 * locks.
 */
public final class SaTable implements AutoCloseable
{
    /** Returned by lookups that find nothing. */
    public static final int NONE = -1;
    private static final int DEFAULT_TTL = 64;

    private final int capacity;
    private final UnsafeBuffer runtimes;
    private final SaConfig[] configs;
    private final Direction[] directions;
    private final EspTransform[] espTransforms;
    private final IntegrityTransform[] integrityTransforms;
    private final ReplayWindow[] replayWindows;
    private final Int2IntHashMap inboundEsp = new Int2IntHashMap(NONE);
    private final Int2IntHashMap inboundAh = new Int2IntHashMap(NONE);
    private final DispositionCounters counters;
    private final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight();
    private final UnsafeBuffer templateView = new UnsafeBuffer(0, 0);
    private final IntArrayList freeSlots;
    private int ahSas;

    /**
     * @param capacity the most SAs the table holds at once.
     */
    public SaTable(final int capacity)
    {
        this.capacity = capacity;
        this.runtimes = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            capacity * SaRuntimeFlyweight.LENGTH, SaRuntimeFlyweight.ALIGNMENT));
        this.configs = new SaConfig[capacity];
        this.directions = new Direction[capacity];
        this.espTransforms = new EspTransform[capacity];
        this.integrityTransforms = new IntegrityTransform[capacity];
        this.replayWindows = new ReplayWindow[capacity];
        this.counters = new DispositionCounters(capacity);
        // A stack of free slots: the lowest first, and a freed slot is the next one used (warm in cache).
        this.freeSlots = new IntArrayList(capacity, IntArrayList.DEFAULT_NULL_VALUE);
        for (int slot = capacity - 1; slot >= 0; slot--)
        {
            freeSlots.addInt(slot);
        }
    }

    /**
     * Installs an SA: prepares its keys with {@code engine} and lays out its runtime.
     *
     * @param config the SA; the table keeps it and zeroes its keys on removal.
     * @param direction inbound or outbound.
     * @param engine the crypto engine to prepare keys with.
     * @return the slot.
     * @throws IllegalStateException when the table is full or an inbound SA with the same protocol
     *         and SPI is installed.
     */
    public int install(final SaConfig config, final Direction direction, final CryptoEngine engine)
    {
        final Int2IntHashMap index = config.protocol() == IpsecProtocol.ESP ? inboundEsp : inboundAh;
        if (direction == Direction.INBOUND && index.get(config.spi()) != NONE)
        {
            throw new IllegalStateException(config.name() + ": an inbound " + config.protocol() + " SA with SPI 0x" +
                Integer.toHexString(config.spi()) + " is already installed");
        }
        final int slot = freeSlot();
        try
        {
            return installAt(slot, config, direction, engine, index);
        }
        catch (final RuntimeException ex)
        {
            freeSlots.addInt(slot);
            throw ex;
        }
    }

    private int installAt(final int slot, final SaConfig config, final Direction direction, final CryptoEngine engine,
        final Int2IntHashMap index)
    {
        if (config.protocol() == IpsecProtocol.ESP)
        {
            espTransforms[slot] = engine.esp(config.encryption(), config.integrity(), config.encryptionKey(),
                config.integrityKey());
        }
        else
        {
            integrityTransforms[slot] = engine.integrity(config.integrity(), config.integrityKey());
        }
        configs[slot] = config;
        directions[slot] = direction;
        layOutRuntime(slot, config, direction);
        ahSas += config.protocol() == IpsecProtocol.AH ? 1 : 0;
        if (direction == Direction.INBOUND)
        {
            replayWindows[slot] = new ReplayWindow(config.replayWindow(), config.initialSequence());
            index.put(config.spi(), slot);
        }
        counters.resetSa(slot);
        return slot;
    }

    private int freeSlot()
    {
        if (freeSlots.isEmpty())
        {
            throw new IllegalStateException("SA table full: " + capacity + " SAs (raise dataplane { max_sas })");
        }
        return freeSlots.removeAt(freeSlots.size() - 1);
    }

    private void layOutRuntime(final int slot, final SaConfig config, final Direction direction)
    {
        final SaRuntimeFlyweight rt = runtime(slot);
        rt.clear();
        final boolean ah = config.protocol() == IpsecProtocol.AH;
        int flags = 0;
        flags |= config.esn() ? SaRuntimeFlyweight.FLAG_ESN : 0;
        flags |= config.udpEncapsulation() ? SaRuntimeFlyweight.FLAG_UDP_ENCAP : 0;
        flags |= config.mode() == IpsecMode.TUNNEL ? SaRuntimeFlyweight.FLAG_TUNNEL : 0;
        flags |= config.isIpv6() ? SaRuntimeFlyweight.FLAG_OUTER_IPV6 : 0;
        flags |= ah ? SaRuntimeFlyweight.FLAG_AH : 0;
        final long hardLimit = config.esn() ? -1L : 0xFFFF_FFFFL;
        rt.spi(config.spi())
            .flags(flags)
            .sequence(config.initialSequence())
            .hardLimit(hardLimit)
            .softLimit(softLimit(hardLimit))
            .ivLength(ah ? 0 : espTransforms[slot].ivLength())
            .icvLength(ah ? integrityTransforms[slot].icvLength() : espTransforms[slot].icvLength())
            .blockSize(ah ? 4 : espTransforms[slot].blockSize())
            .tfcPadTo(config.tfcPadToLength())
            .cryptoHandle(slot)
            .salt(salt(config))
            .ipv4Identification(config.spi() ^ (int)System.nanoTime())
            .replayWindow(config.replayWindow());
        if (direction == Direction.OUTBOUND)
        {
            rt.outerHeaderLength(writeTemplate(rt, config));
        }
    }

    /**
     * The soft limit leaves 1/64 of the sequence space (2^26 packets without ESN) for the rekey to
     * complete before sending must stop, as strongSwan's libipsec and the kernel leave room too.
     */
    private static long softLimit(final long hardLimit)
    {
        return hardLimit - (Long.divideUnsigned(hardLimit, 64));
    }

    private static int salt(final SaConfig config)
    {
        final byte[] key = config.encryptionKey();
        final int saltLength = config.encryption().saltLength();
        if (saltLength != 4)
        {
            return 0;
        }
        final int at = key.length - 4;
        return (key[at] & 0xFF) << 24 | (key[at + 1] & 0xFF) << 16 | (key[at + 2] & 0xFF) << 8 | key[at + 3] & 0xFF;
    }

    /**
     * Prebuilds the outer IP header (tunnel mode) and UDP header (encapsulation); per packet only
     * lengths, identification, traffic class and checksums change. Transport mode only uses the
     * UDP part, at offset 0, when encapsulated.
     */
    private int writeTemplate(final SaRuntimeFlyweight rt, final SaConfig config)
    {
        templateView.wrap(rt.buffer(), rt.templateIndex(), SaRuntimeFlyweight.TEMPLATE_CAPACITY);
        final boolean tunnel = config.mode() == IpsecMode.TUNNEL;
        final int protocol = config.udpEncapsulation() ? IpProtocols.UDP : config.protocol().ipProtocol();
        int length = 0;
        if (tunnel && !config.isIpv6())
        {
            final Ipv4HeaderFlyweight ip = new Ipv4HeaderFlyweight().wrap(templateView, 0);
            ip.versionAndHeaderLength(Ipv4HeaderFlyweight.MIN_LENGTH).ttl(DEFAULT_TTL).protocol(protocol);
            templateView.putBytes(Ipv4HeaderFlyweight.SOURCE_OFFSET, config.source().getAddress());
            templateView.putBytes(Ipv4HeaderFlyweight.DESTINATION_OFFSET, config.destination().getAddress());
            length = Ipv4HeaderFlyweight.MIN_LENGTH;
        }
        else if (tunnel)
        {
            final Ipv6HeaderFlyweight ip = new Ipv6HeaderFlyweight().wrap(templateView, 0);
            ip.versionClassFlow(0x6000_0000).nextHeader(protocol).hopLimit(DEFAULT_TTL);
            templateView.putBytes(Ipv6HeaderFlyweight.SOURCE_OFFSET, config.source().getAddress());
            templateView.putBytes(Ipv6HeaderFlyweight.DESTINATION_OFFSET, config.destination().getAddress());
            length = Ipv6HeaderFlyweight.LENGTH;
        }
        if (config.udpEncapsulation())
        {
            templateView.putShort(length + UdpHeaderFlyweight.SOURCE_PORT_OFFSET, (short)config.sourcePort(),
                ByteOrder.BIG_ENDIAN);
            templateView.putShort(length + UdpHeaderFlyweight.DESTINATION_PORT_OFFSET,
                (short)config.destinationPort(), ByteOrder.BIG_ENDIAN);
            length += UdpHeaderFlyweight.LENGTH;
        }
        return length;
    }

    /**
     * Moves an installed SA to new outer endpoints (MOBIKE, RFC 4555): its record takes the new addresses,
     * ports and encapsulation, an outbound SA's header template is rebuilt, and everything else stays:
     * transforms and keys, sequence number, replay window, counters and the events already raised.
     *
     * @param slot the SA's slot.
     * @param source the new outer source address.
     * @param sourcePort the new UDP source port.
     * @param destination the new outer destination address, of the source's family.
     * @param destinationPort the new UDP destination port.
     * @param udpEncapsulation whether ESP goes in UDP from now on.
     * @return the SA's record as it is now.
     * @throws IllegalArgumentException when the slot is free or the moved record would be invalid (AH in
     *         UDP, families that differ, ports out of range); the SA is then unchanged.
     */
    public SaConfig move(final int slot, final InetAddress source, final int sourcePort, final InetAddress destination,
        final int destinationPort, final boolean udpEncapsulation)
    {
        final SaConfig config = configs[slot];
        if (config == null)
        {
            throw new IllegalArgumentException("no SA in slot " + slot);
        }
        // The same key arrays: the moved record owns them now and zeroes them on removal.
        final SaConfig moved = new SaConfig(config.name(), config.spi(), source, destination, config.protocol(),
            config.mode(), udpEncapsulation, sourcePort, destinationPort, config.encryption(), config.integrity(),
            config.encryptionKey(), config.integrityKey(), config.esn(), config.initialSequence(),
            config.replayWindow(), config.tfcPadToLength());
        configs[slot] = moved;
        final SaRuntimeFlyweight rt = runtime(slot);
        final int endpointFlags = SaRuntimeFlyweight.FLAG_UDP_ENCAP | SaRuntimeFlyweight.FLAG_OUTER_IPV6;
        rt.flags(rt.flags() & ~endpointFlags |
            (udpEncapsulation ? SaRuntimeFlyweight.FLAG_UDP_ENCAP : 0) |
            (moved.isIpv6() ? SaRuntimeFlyweight.FLAG_OUTER_IPV6 : 0));
        if (directions[slot] == Direction.OUTBOUND)
        {
            // A template of the other family must not leave bytes of the old one behind.
            rt.buffer().setMemory(rt.templateIndex(), SaRuntimeFlyweight.TEMPLATE_CAPACITY, (byte)0);
            rt.outerHeaderLength(writeTemplate(rt, moved));
        }
        return moved;
    }

    /**
     * Removes an SA: closes its transforms (zeroing their keys), zeroes its config's keys and its
     * runtime, and frees the slot.
     *
     * @param slot the SA's slot.
     */
    public void remove(final int slot)
    {
        final SaConfig config = configs[slot];
        if (config == null)
        {
            return;
        }
        if (directions[slot] == Direction.INBOUND)
        {
            (config.protocol() == IpsecProtocol.ESP ? inboundEsp : inboundAh).remove(config.spi());
        }
        if (espTransforms[slot] != null)
        {
            espTransforms[slot].close();
        }
        if (integrityTransforms[slot] != null)
        {
            integrityTransforms[slot].close();
        }
        ahSas -= config.protocol() == IpsecProtocol.AH ? 1 : 0;
        config.destroyKeys();
        runtime(slot).clear();
        configs[slot] = null;
        directions[slot] = null;
        espTransforms[slot] = null;
        integrityTransforms[slot] = null;
        replayWindows[slot] = null;
        freeSlots.addInt(slot);
    }

    /**
     * @param protocol {@link IpProtocols#ESP} or {@link IpProtocols#AH}.
     * @param spi the SPI from the packet.
     * @return the inbound SA's slot, or {@link #NONE}.
     */
    public int findInbound(final int protocol, final int spi)
    {
        return (protocol == IpProtocols.ESP ? inboundEsp : inboundAh).get(spi);
    }

    /**
     * @param slot a slot.
     * @return a flyweight over its runtime, shared: valid until the next call.
     */
    public SaRuntimeFlyweight runtime(final int slot)
    {
        return runtime.wrap(runtimes, slot * SaRuntimeFlyweight.LENGTH);
    }

    /**
     * @param slot a slot.
     * @param flyweight the caller's own flyweight, for stages that keep one.
     * @return the flyweight, wrapped over the slot's runtime.
     */
    public SaRuntimeFlyweight runtime(final int slot, final SaRuntimeFlyweight flyweight)
    {
        return flyweight.wrap(runtimes, slot * SaRuntimeFlyweight.LENGTH);
    }

    /**
     * Loads what processing a packet of the SA reads first: its hot runtime, its ESP transform's key
     * record and its OK counter, without using them. Stages call it for every packet of a burst first,
     * so that with many SAs the cache misses overlap instead of following one another.
     *
     * @param slot an SA's slot.
     * @return a value of no meaning, for the caller to fold into a sink so the loads are kept.
     */
    public long warm(final int slot)
    {
        final int base = slot * SaRuntimeFlyweight.LENGTH;
        final EspTransform transform = espTransforms[slot];
        return runtimes.getLong(base) + runtimes.getLong(base + SaRuntimeFlyweight.LENGTH / 2) +
            counters.warm(slot) + (transform == null ? 0 : transform.warm());
    }

    /** @return the slot's cold record, or null when the slot is free. */
    public SaConfig config(final int slot)
    {
        return configs[slot];
    }

    /** @return the slot's direction, or null when free. */
    public Direction direction(final int slot)
    {
        return directions[slot];
    }

    /** @return the slot's ESP transform, or null for AH or a free slot. */
    public EspTransform espTransform(final int slot)
    {
        return espTransforms[slot];
    }

    /** @return the slot's AH transform, or null for ESP or a free slot. */
    public IntegrityTransform integrityTransform(final int slot)
    {
        return integrityTransforms[slot];
    }

    /**
     * @return true when an AH SA is installed, in either direction: a worker whose table holds none
     *         keeps to its ESP-only path, paying nothing per packet for AH.
     */
    public boolean holdsAh()
    {
        return ahSas > 0;
    }

    /** @return true when the slot holds an AH SA, false for ESP or a free slot. */
    public boolean isAh(final int slot)
    {
        return integrityTransforms[slot] != null;
    }

    /** @return the slot's replay window, inbound only. */
    public ReplayWindow replayWindow(final int slot)
    {
        return replayWindows[slot];
    }

    /** @return the counters for this table's SAs. */
    public DispositionCounters counters()
    {
        return counters;
    }

    /** @return the most SAs the table holds. */
    public int capacity()
    {
        return capacity;
    }

    /** Removes every SA, zeroing all keys. */
    @Override
    public void close()
    {
        for (int slot = 0; slot < capacity; slot++)
        {
            remove(slot);
        }
    }
}
