package io.torii.dataplane.esp;

import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;

/**
 * Builds ESP packets field by field, sealed with a JDK transform holding a test SA's keys, so that
 * a test controls what the engine's own encapsulator never writes: padding bytes, pad length, next
 * header, lengths. Also builds the outer IPv4 and UDP headers around them.
 */
final class HandBuiltPackets
{
    static final String SOURCE = "192.0.2.1";
    static final String DESTINATION = "192.0.2.2";
    static final int NAT_T_PORT = 4500;
    /** IPv4 flags and fragment offset with only don't-fragment set. */
    static final int DONT_FRAGMENT = 0x4000;
    /** IPv4 flags and fragment offset with more-fragments set. */
    static final int MORE_FRAGMENTS = 0x2000;

    private HandBuiltPackets()
    {
    }

    /**
     * @param sas the pair whose outbound keys seal the packets.
     * @return a transform with those keys, for {@link #esp}.
     */
    static EspTransform sealer(final TestSas sas)
    {
        return new JdkCryptoEngine().esp(sas.encryption(), sas.integrity(), sas.outbound().encryptionKey(),
            sas.outbound().integrityKey());
    }

    /**
     * The padding the encapsulator would write: 1, 2, 3, ... up to the length that aligns the
     * plaintext, plus one extra block so that there is always padding to corrupt.
     *
     * @param payloadLength the payload bytes.
     * @param blockSize the transform's block size.
     * @return the padding bytes.
     */
    static byte[] padding(final int payloadLength, final int blockSize)
    {
        final byte[] padding = new byte[EspPadding.length(payloadLength, blockSize) + blockSize];
        for (int i = 0; i < padding.length; i++)
        {
            padding[i] = (byte)(i + 1);
        }
        return padding;
    }

    /**
     * An ESP header, IV, plaintext trailer and ICV, sealed.
     *
     * @param transform seals the packet; its IV and ICV lengths shape it.
     * @param spi the SPI to write.
     * @param sequence the full sequence number; its low half goes on the wire.
     * @param esn whether the high half takes part in the ICV.
     * @param payload the payload data.
     * @param padding the padding bytes, as given; payload, padding and the 2 trailer bytes must fill
     *        whole blocks for a block cipher.
     * @param padLengthField the value of the pad length byte, which need not match the padding.
     * @param nextHeader the next header byte.
     * @return the ESP part of a packet.
     */
    static byte[] esp(final EspTransform transform, final int spi, final long sequence, final boolean esn,
        final byte[] payload, final byte[] padding, final int padLengthField, final int nextHeader)
    {
        final int trailerEnd = 8 + transform.ivLength() + payload.length + padding.length + 2;
        final ByteBuffer bytes = ByteBuffer.allocate(trailerEnd + transform.icvLength());
        bytes.putInt(spi).putInt((int)sequence).position(8 + transform.ivLength());
        bytes.put(payload).put(padding).put((byte)padLengthField).put((byte)nextHeader);
        transform.seal(bytes, 0, trailerEnd, sequence, esn);
        return bytes.array();
    }

    /**
     * @param protocol the IPv4 protocol field.
     * @param flagsAndOffset the flags and fragment offset field.
     * @param payload what follows the header.
     * @return an IPv4 packet from {@link #SOURCE} to {@link #DESTINATION} with a correct checksum.
     */
    static byte[] ipv4(final int protocol, final int flagsAndOffset, final byte[] payload)
    {
        final ByteBuffer packet = ByteBuffer.allocate(20 + payload.length);
        packet.put((byte)0x45).put((byte)0).putShort((short)packet.capacity()).putShort((short)0x4321)
            .putShort((short)flagsAndOffset).put((byte)64).put((byte)protocol).putShort((short)0)
            .put(Packets.address(SOURCE).getAddress()).put(Packets.address(DESTINATION).getAddress()).put(payload);
        final byte[] bytes = packet.array();
        final int checksum = Packets.ipv4Checksum(bytes);
        bytes[10] = (byte)(checksum >>> 8);
        bytes[11] = (byte)checksum;
        return bytes;
    }

    /**
     * @param payload the UDP payload.
     * @return a UDP header from and to port 4500 with a correct length and no checksum, then the payload.
     */
    static byte[] udp(final byte[] payload)
    {
        return ByteBuffer.allocate(8 + payload.length).putShort((short)NAT_T_PORT).putShort((short)NAT_T_PORT)
            .putShort((short)(8 + payload.length)).putShort((short)0).put(payload).array();
    }
}
