package io.torii.ike.shard;

import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.sa.ChildSa;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One Child SA installer shared by every IKE handler: its SPIs, tunnel and policy numbers must stay
 * unique across all of them, so calls take turns. Installs are rare next to the key exchanges and
 * signatures that the handlers run in parallel.
 */
public final class SynchronizedChildSaInstaller implements ChildSaInstaller
{
    private final ChildSaInstaller delegate;

    /**
     * @param delegate the installer, used by one thread at a time from here on.
     */
    public SynchronizedChildSaInstaller(final ChildSaInstaller delegate)
    {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public synchronized int allocateSpi()
    {
        return delegate.allocateSpi();
    }

    @Override
    public synchronized String install(final ChildSa childSa)
    {
        return delegate.install(childSa);
    }

    @Override
    public synchronized String install(final ChildSa childSa, final SaLifetimes lifetimes)
    {
        return delegate.install(childSa, lifetimes);
    }

    @Override
    public synchronized String installReplacement(final ChildSa replaced, final ChildSa replacement,
        final SaLifetimes lifetimes)
    {
        return delegate.installReplacement(replaced, replacement, lifetimes);
    }

    @Override
    public synchronized String switchOutbound(final ChildSa replacement)
    {
        return delegate.switchOutbound(replacement);
    }

    @Override
    public synchronized String remove(final ChildSa childSa)
    {
        return delegate.remove(childSa);
    }

    @Override
    public synchronized String move(final ChildSa childSa, final InetSocketAddress local,
        final InetSocketAddress remote, final boolean udpEncapsulation)
    {
        return delegate.move(childSa, local, remote, udpEncapsulation);
    }

    @Override
    public synchronized int installTrap(final String localSelectors, final String remoteSelectors)
    {
        return delegate.installTrap(localSelectors, remoteSelectors);
    }

    @Override
    public synchronized String removeTrap(final int policyId)
    {
        return delegate.removeTrap(policyId);
    }

    @Override
    public boolean settled()
    {
        return delegate.settled();
    }
}
