package io.torii.ike.sa;

import io.torii.ike.message.payload.TrafficSelector;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A negotiated Child SA pair, ready to install (RFC 7296 §2.17): the SPIs each side chose for its
 * inbound SA, the ESP transforms, the keys of each direction, the outer addresses, whether ESP goes in
 * UDP (a NAT was found, RFC 3948), and the narrowed traffic selectors.
 *
 * @param name the child's configured name.
 * @param transport true for transport mode.
 * @param inboundSpi the SPI we chose: the peer sends to it.
 * @param outboundSpi the SPI the peer chose: we send to it.
 * @param encryptionId the ENCR transform ID.
 * @param encryptionKeyBits its Key Length attribute, 0 when it has none.
 * @param integrityId the INTEG transform ID, 0 for none (AEADs).
 * @param esn true for extended sequence numbers.
 * @param inboundEncryptionKey key material for what we receive (salt included for AEADs), copied.
 * @param inboundIntegrityKey likewise, empty for AEADs.
 * @param outboundEncryptionKey key material for what we send, copied.
 * @param outboundIntegrityKey likewise.
 * @param local our outer address and port.
 * @param remote the peer's outer address and port.
 * @param udpEncapsulation true when ESP goes in UDP between those ports.
 * @param localTs our side's selectors.
 * @param remoteTs the peer's side's selectors.
 * @param replayWindow the inbound replay window.
 */
public record ChildSa(
    String name,
    boolean transport,
    int inboundSpi,
    int outboundSpi,
    int encryptionId,
    int encryptionKeyBits,
    int integrityId,
    boolean esn,
    byte[] inboundEncryptionKey,
    byte[] inboundIntegrityKey,
    byte[] outboundEncryptionKey,
    byte[] outboundIntegrityKey,
    InetSocketAddress local,
    InetSocketAddress remote,
    boolean udpEncapsulation,
    List<TrafficSelector> localTs,
    List<TrafficSelector> remoteTs,
    int replayWindow)
{
    /**
     * Copies keys and lists.
     */
    public ChildSa
    {
        Objects.requireNonNull(name, "name");
        inboundEncryptionKey = inboundEncryptionKey.clone();
        inboundIntegrityKey = inboundIntegrityKey.clone();
        outboundEncryptionKey = outboundEncryptionKey.clone();
        outboundIntegrityKey = outboundIntegrityKey.clone();
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    /** @return a copy of the inbound encryption key. */
    @Override
    public byte[] inboundEncryptionKey()
    {
        return inboundEncryptionKey.clone();
    }

    /** @return a copy of the inbound integrity key. */
    @Override
    public byte[] inboundIntegrityKey()
    {
        return inboundIntegrityKey.clone();
    }

    /** @return a copy of the outbound encryption key. */
    @Override
    public byte[] outboundEncryptionKey()
    {
        return outboundEncryptionKey.clone();
    }

    /** @return a copy of the outbound integrity key. */
    @Override
    public byte[] outboundIntegrityKey()
    {
        return outboundIntegrityKey.clone();
    }

    /** Zeroes this record's copies of the keys. */
    public void destroyKeys()
    {
        Arrays.fill(inboundEncryptionKey, (byte)0);
        Arrays.fill(inboundIntegrityKey, (byte)0);
        Arrays.fill(outboundEncryptionKey, (byte)0);
        Arrays.fill(outboundIntegrityKey, (byte)0);
    }

    @Override
    public boolean equals(final Object other)
    {
        return this == other;
    }

    @Override
    public int hashCode()
    {
        return System.identityHashCode(this);
    }

    @Override
    public String toString()
    {
        return "ChildSa[" + name + " in 0x" + Integer.toHexString(inboundSpi) + " out 0x" +
            Integer.toHexString(outboundSpi) + " " + localTs + " === " + remoteTs + "]";
    }
}
