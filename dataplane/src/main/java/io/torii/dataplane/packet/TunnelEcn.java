package io.torii.dataplane.packet;

/**
 * DSCP and ECN across a tunnel: RFC 4301 §5.1.2.1 copies DSCP from inner to outer header, and
 * RFC 6040 (normal mode) copies ECN outward and, on decapsulation, carries a Congestion
 * Experienced mark from the outer header into an ECN-capable inner one.
 */
public final class TunnelEcn
{
    private static final int ECN_MASK = 0x03;
    private static final int NOT_ECT = 0x00;
    private static final int CE = 0x03;

    private TunnelEcn()
    {
    }

    /**
     * @param inner the inner packet's traffic class (IPv4 TOS or IPv6 traffic class byte).
     * @return the outer header's traffic class on encapsulation.
     */
    public static int outerOnEncapsulation(final int inner)
    {
        return inner & 0xFF;
    }

    /**
     * @param outer the outer header's traffic class.
     * @param inner the inner packet's traffic class.
     * @return the inner traffic class to forward: CE carried in when the inner packet is ECN-capable.
     *         (A CE outer over a Not-ECT inner should be dropped per RFC 6040 §4.2; that is rare
     *         enough that Torii forwards it unchanged, as Linux does in its default mode.)
     */
    public static int innerOnDecapsulation(final int outer, final int inner)
    {
        if ((outer & ECN_MASK) == CE && (inner & ECN_MASK) != NOT_ECT)
        {
            return (inner & ~ECN_MASK | CE) & 0xFF;
        }
        return inner & 0xFF;
    }
}
