package io.torii.ike.proposal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One proposal of an SA payload (RFC 7296 §3.3.1): its number, the protocol it is for, the sender's
 * SPI and its transforms in the order they are listed. A type may appear several times: the peer
 * picks one of each type present. The SPI is 8 bytes for IKE in CREATE_CHILD_SA, 4 for ESP and AH, and
 * empty in IKE_SA_INIT.
 *
 * @param number the proposal number, 1 to 255.
 * @param protocol {@link #IKE}, {@link #AH} or {@link #ESP}.
 * @param spi the SPI bytes, copied.
 * @param transforms the transforms, copied.
 */
public record Proposal(int number, int protocol, byte[] spi, List<Transform> transforms)
{
    /** Protocol ID of an IKE SA proposal. */
    public static final int IKE = 1;
    /** Protocol ID of an AH proposal. */
    public static final int AH = 2;
    /** Protocol ID of an ESP proposal. */
    public static final int ESP = 3;

    /**
     * @throws IllegalArgumentException when the number, protocol or SPI size is out of range.
     */
    public Proposal
    {
        Objects.requireNonNull(spi, "spi");
        transforms = List.copyOf(transforms);
        spi = spi.clone();
        if (number < 1 || number > 255 || protocol < 1 || protocol > 255 || spi.length > 255)
        {
            throw new IllegalArgumentException("proposal " + number + " protocol " + protocol + " SPI of " +
                spi.length + " bytes: expected number and protocol 1-255, SPI up to 255 bytes");
        }
    }

    /** @return a copy of the SPI bytes. */
    @Override
    public byte[] spi()
    {
        return spi.clone();
    }

    /**
     * @param type a {@link TransformType} value.
     * @return the transforms of that type, in the order listed.
     */
    public List<Transform> transformsOf(final int type)
    {
        final List<Transform> ofType = new ArrayList<>();
        for (final Transform transform : transforms)
        {
            if (transform.type() == type)
            {
                ofType.add(transform);
            }
        }
        return ofType;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Proposal that && number == that.number && protocol == that.protocol &&
            Arrays.equals(spi, that.spi) && transforms.equals(that.transforms);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(number, protocol, Arrays.hashCode(spi), transforms);
    }

    @Override
    public String toString()
    {
        return "Proposal[" + number + " protocol " + protocol + " spi " + spi.length + " bytes " + transforms + "]";
    }
}
