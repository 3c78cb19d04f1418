package io.torii.perf.load;

import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.sa.ChildSa;

/**
 * Counts Child SAs instead of installing them, for the IKE load harnesses: they measure IKE, not a
 * dataplane. SPIs are handed out in sequence; several IKE handlers may share one instance.
 */
public final class CountingInstaller implements ChildSaInstaller
{
    private final Runnable onInstall;
    private int nextSpi = 0x1000;

    /**
     * @param onInstall run for every Child SA installed, on the IKE handler's thread.
     */
    public CountingInstaller(final Runnable onInstall)
    {
        this.onInstall = onInstall;
    }

    @Override
    public synchronized int allocateSpi()
    {
        return nextSpi++;
    }

    @Override
    public String install(final ChildSa childSa)
    {
        onInstall.run();
        return null;
    }

    @Override
    public String remove(final ChildSa childSa)
    {
        return null;
    }
}
