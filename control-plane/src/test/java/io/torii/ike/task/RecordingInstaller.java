package io.torii.ike.task;

import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.sa.ChildSa;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the Child SAs a session installs, switches to and removes, in order, and hands out SPIs from a
 * counter. {@link #calls} reads like the dataplane's log: {@code install c0000001},
 * {@code replace c0000001 by c0000002} (inbound SA in, outbound waiting), {@code switch c0000002},
 * {@code remove c0000001}, each pair named by its inbound SPI.
 */
final class RecordingInstaller implements ChildSaInstaller
{
    final List<ChildSa> installed = new ArrayList<>();
    final List<ChildSa> removed = new ArrayList<>();
    final List<Move> moves = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final Map<ChildSa, SaLifetimes> lifetimes = new IdentityHashMap<>();
    private int nextSpi;
    String refuseWith;
    /** What {@link #settled()} says: false plays a dataplane that has not yet applied what it was asked. */
    boolean settled = true;

    RecordingInstaller(final int firstSpi)
    {
        this.nextSpi = firstSpi;
    }

    @Override
    public int allocateSpi()
    {
        return nextSpi++;
    }

    @Override
    public String install(final ChildSa childSa)
    {
        return install(childSa, SaLifetimes.NONE);
    }

    @Override
    public String install(final ChildSa childSa, final SaLifetimes limits)
    {
        if (refuseWith != null)
        {
            return refuseWith;
        }
        installed.add(childSa);
        lifetimes.put(childSa, limits);
        calls.add("install " + name(childSa));
        return null;
    }

    @Override
    public String installReplacement(final ChildSa replaced, final ChildSa replacement, final SaLifetimes limits)
    {
        if (refuseWith != null)
        {
            return refuseWith;
        }
        if (!active().contains(replaced))
        {
            return "replacing a pair that is not installed";
        }
        installed.add(replacement);
        lifetimes.put(replacement, limits);
        calls.add("replace " + name(replaced) + " by " + name(replacement));
        return null;
    }

    @Override
    public String switchOutbound(final ChildSa replacement)
    {
        if (!active().contains(replacement))
        {
            return "not installed";
        }
        calls.add("switch " + name(replacement));
        return null;
    }

    @Override
    public String remove(final ChildSa childSa)
    {
        if (!installed.contains(childSa) || removed.contains(childSa))
        {
            return "not installed";
        }
        removed.add(childSa);
        calls.add("remove " + name(childSa));
        return null;
    }

    /** One move of a pair's SAs to new endpoints. */
    record Move(ChildSa child, InetSocketAddress local, InetSocketAddress remote, boolean udpEncapsulation)
    {
    }

    @Override
    public String move(final ChildSa childSa, final InetSocketAddress local, final InetSocketAddress remote,
        final boolean udpEncapsulation)
    {
        if (!active().contains(childSa))
        {
            return "not installed";
        }
        moves.add(new Move(childSa, local, remote, udpEncapsulation));
        return null;
    }

    @Override
    public boolean settled()
    {
        return settled;
    }

    /** @return the pairs installed and not removed. */
    List<ChildSa> active()
    {
        return installed.stream().filter(child -> !removed.contains(child)).toList();
    }

    private static String name(final ChildSa childSa)
    {
        return String.format("%08x", childSa.inboundSpi());
    }
}
