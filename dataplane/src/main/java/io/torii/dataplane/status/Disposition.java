package io.torii.dataplane.status;

/**
 * The named outcome of one packet leaving a stage. Every packet gets exactly one; every value but
 * {@link #OK} is a drop with its own counter.
 */
public enum Disposition
{
    /** Processed and passed on. */
    OK("ok"),
    /** No SA matches the packet's SPI or selectors. */
    NO_SA("no SA"),
    /** The sequence number was already received (RFC 4303 §3.4.3). */
    REPLAY("replay"),
    /** The sequence number lies to the left of the replay window. */
    OUTSIDE_WINDOW("outside replay window"),
    /** The ICV did not verify. */
    ICV_FAILURE("ICV failure"),
    /** The padding is not 1, 2, 3, ... or the pad length runs past the payload (RFC 4303 §2.4). */
    BAD_PADDING("bad padding"),
    /** A header is inconsistent: lengths, versions or fields that cannot be right. */
    MALFORMED("malformed"),
    /** Shorter than the headers, IV and ICV it must carry. */
    TOO_SHORT("too short"),
    /** The outbound sequence number reached its hard limit; the SA must be rekeyed. */
    SEQUENCE_EXHAUSTED("sequence exhausted"),
    /** A dummy packet (next header 59, RFC 4303 §2.6): dropped silently, by design. */
    DUMMY("dummy packet"),
    /** The packet's protocol or next header is not one this SA carries. */
    UNSUPPORTED("unsupported protocol"),
    /** The result would not fit the packet buffer. */
    TOO_BIG("too big for buffer"),
    /** Not for the ESP/AH engine: IKE behind the non-ESP marker, a NAT keepalive, other traffic. */
    NOT_IPSEC("not IPsec"),
    /** An IP fragment: ESP and AH work on whole packets (RFC 4303 §3.4.1), reassemble first. */
    FRAGMENT("fragment"),
    /** No policy matches the packet: it belongs to no tunnel. */
    NO_POLICY("no policy"),
    /** A policy says to discard the packet. */
    POLICY_DISCARD("policy discard"),
    /** A decrypted packet does not match the selectors of the SA it came through (RFC 4301 §5.2). */
    POLICY_MISMATCH("inbound policy mismatch"),
    /** Handed to the worker that owns the packet's SA; that worker gives it its final disposition. */
    HANDED_OFF("handed off"),
    /** The owning worker's handoff queue was full. */
    HANDOFF_CONGESTION("handoff congestion"),
    /** Larger than the tunnel's MTU with DF set (or IPv6): the sender was told "packet too big". */
    OVER_TUNNEL_MTU("over tunnel MTU"),
    /** Larger than the tunnel's MTU with DF clear: replaced by fragments, each encrypted on its own. */
    FRAGMENTED("fragmented before encryption"),
    /** A fragment of a protected packet, taken for reassembly; the whole packet goes on when complete. */
    REASSEMBLY("taken for reassembly"),
    /** IKE behind the non-ESP marker on the NAT-T port, sent up to the control plane on the IKE-in ring. */
    IKE_TO_CONTROL("IKE to the control plane"),
    /** IKE behind the non-ESP marker that found the IKE-in ring full; the peer retransmits it. */
    IKE_RING_FULL("IKE ring full"),
    /** The SA reached a hard lifetime limit (RFC 4301 §4.4.2.1): it protects nothing more until deleted. */
    SA_EXPIRED("SA expired"),
    /** A protect policy whose tunnel has no outbound SA yet: the control plane was asked to negotiate one. */
    ACQUIRE("no SA yet, acquire raised");

    private final String label;

    Disposition(final String label)
    {
        this.label = label;
    }

    /** @return a human label for counters and CLI output. */
    public String label()
    {
        return label;
    }
}
