package io.torii.ike.task;

import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.sa.ChildSa;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Records the Child SAs a session installs and removes, and hands out SPIs from a counter. */
final class RecordingInstaller implements ChildSaInstaller
{
    final List<ChildSa> installed = new ArrayList<>();
    final List<ChildSa> removed = new ArrayList<>();
    final List<Move> moves = new ArrayList<>();
    private int nextSpi;
    String refuseWith;

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
        if (refuseWith != null)
        {
            return refuseWith;
        }
        installed.add(childSa);
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

    /** @return the pairs installed and not removed. */
    List<ChildSa> active()
    {
        return installed.stream().filter(child -> !removed.contains(child)).toList();
    }
}
