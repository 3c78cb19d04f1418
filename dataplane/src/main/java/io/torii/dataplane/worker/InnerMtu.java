package io.torii.dataplane.worker;

import io.torii.dataplane.mtu.TunnelMtu;
import io.torii.dataplane.packet.AhHeaderFlyweight;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaRuntimeFlyweight;
import io.torii.dataplane.sadb.SaTable;

/**
 * The largest cleartext packet a tunnel's outbound SA carries within the WAN path MTU, for ESP
 * ({@link TunnelMtu}) and AH.
 * <pre>
 *   AH, tunnel mode:    | outer IP (20 or 40) | AH (12 + ICV, to 4 or 8 bytes) | inner packet (L) |
 *   AH, transport mode: | IP header (the packet's own) | AH | payload |
 * </pre>
 * AH has no padding and no cipher block: the inner MTU is the path MTU less the outer header (tunnel
 * mode only) and the AH header, exactly.
 */
final class InnerMtu
{
    private InnerMtu()
    {
    }

    /**
     * @param pathMtu the WAN path MTU.
     * @param table the worker's SAs.
     * @param slot the outbound SA's slot.
     * @return the largest inner packet that fits, 0 when none does.
     */
    static int of(final int pathMtu, final SaTable table, final int slot)
    {
        final SaRuntimeFlyweight runtime = table.runtime(slot, new SaRuntimeFlyweight());
        final SaConfig sa = table.config(slot);
        if (sa.protocol() == IpsecProtocol.AH)
        {
            final int outer = sa.mode() == IpsecMode.TUNNEL ?
                (sa.isIpv6() ? TunnelMtu.IPV6_HEADER : TunnelMtu.IPV4_HEADER) : 0;
            return Math.max(0, pathMtu - outer - AhHeaderFlyweight.lengthFor(runtime.icvLength(), sa.isIpv6()));
        }
        return TunnelMtu.innerMtu(pathMtu, sa.isIpv6(), sa.udpEncapsulation(), runtime.ivLength(),
            runtime.blockSize(), runtime.icvLength());
    }
}
