package io.torii.dataplane.port.memory;

/**
 * How often a {@link FaultyPort} harms a packet, each a probability from 0 to 1. For each packet
 * the port first decides whether to drop it; a packet that survives may then be corrupted (one
 * random bit flipped), duplicated (sent twice), and held back to follow the next packet (reordered;
 * only one packet is held at a time).
 *
 * @param drop the probability that a packet is lost.
 * @param duplicate the probability that a packet is delivered twice.
 * @param reorder the probability that a packet is held back and delivered after the next one.
 * @param corrupt the probability that one bit of a packet is flipped.
 */
public record FaultProfile(double drop, double duplicate, double reorder, double corrupt)
{
    /** No faults: packets pass unchanged. */
    public static final FaultProfile NONE = new FaultProfile(0, 0, 0, 0);

    /**
     * Checks each probability.
     *
     * @throws IllegalArgumentException when one is not between 0 and 1.
     */
    public FaultProfile
    {
        check("drop", drop);
        check("duplicate", duplicate);
        check("reorder", reorder);
        check("corrupt", corrupt);
    }

    private static void check(final String name, final double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new IllegalArgumentException(name + " probability must be between 0 and 1, got " + probability);
        }
    }
}
