package io.torii.ike.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One IKE message (RFC 7296 §3.1, from its IKE header on; no non-ESP marker) and the two ends of its
 * datagram: the gateway's address and port, and the peer's.
 *
 * @param local the gateway's end.
 * @param remote the peer's end.
 * @param message the IKE message; the record does not copy it, so neither side may change it after.
 */
public record IkeDatagram(InetSocketAddress local, InetSocketAddress remote, byte[] message)
{
    /** The IKE port (RFC 7296 §2). */
    public static final int IKE_PORT = 500;
    /** The NAT-T port that IKE and ESP in UDP share (RFC 3948 §2.2). */
    public static final int NAT_T_PORT = 4500;
    /** The NAT keepalive's one byte (RFC 3948 §2.3). */
    public static final byte NAT_KEEPALIVE = (byte)0xFF;

    /**
     * @throws NullPointerException when a field is null.
     */
    public IkeDatagram
    {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param local the gateway's end, on the NAT-T port.
     * @param remote the peer's.
     * @return a NAT keepalive between them, which keeps a NAT's mapping for the NAT-T port open.
     */
    public static IkeDatagram keepalive(final InetSocketAddress local, final InetSocketAddress remote)
    {
        return new IkeDatagram(local, remote, new byte[] {NAT_KEEPALIVE});
    }

    /**
     * @param message a message's bytes.
     * @return true when they are a NAT keepalive rather than an IKE message.
     */
    public static boolean isKeepalive(final byte[] message)
    {
        return message.length == 1 && message[0] == NAT_KEEPALIVE;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof IkeDatagram that && local.equals(that.local) && remote.equals(that.remote) &&
            java.util.Arrays.equals(message, that.message);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(local, remote, java.util.Arrays.hashCode(message));
    }

    @Override
    public String toString()
    {
        return "IkeDatagram[" + remote + " -> " + local + ", " + message.length + " bytes]";
    }
}
