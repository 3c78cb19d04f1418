package io.torii.ike.task;

import io.torii.ike.net.IkeDatagram;
import java.util.List;

/**
 * RFC 3948 §2.3 and RFC 7296 §2.23: behind a NAT, a keepalive every {@value #INTERVAL_SECONDS} s
 * (strongSwan's {@code keep_alive}) keeps the NAT's mapping for the NAT-T port, and so the tunnel, open.
 */
final class NatKeepalives
{
    static final long INTERVAL_SECONDS = 20;
    private static final long INTERVAL_NANOS = INTERVAL_SECONDS * 1_000_000_000L;

    private long last;
    private long sent;

    /**
     * @param sa the IKE SA.
     * @param established true when the SA is up.
     * @param now the time.
     * @return a keepalive when one is due: we are behind a NAT, on the NAT-T port, and the last one is old.
     */
    List<IkeDatagram> due(final IkeSaContext sa, final boolean established, final long now)
    {
        if (!established || !sa.localBehindNat || sa.local.getPort() != IkeDatagram.NAT_T_PORT ||
            now - last < INTERVAL_NANOS)
        {
            return List.of();
        }
        last = now;
        sent++;
        return List.of(IkeDatagram.keepalive(sa.local, sa.remote));
    }

    /** @return keepalives sent. */
    long sent()
    {
        return sent;
    }
}
