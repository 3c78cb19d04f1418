package io.torii.interop;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Evidence, gathered from outside, that SAs were replaced while a tunnel ran: every listing of both sides
 * taken during a run is fed in, and the witness keeps the distinct SPIs it saw and the most SAs either side
 * listed at once. A rekey shows as a new SPI (RFC 7296 §2.8: a rekeyed SA is a new SA); a leak or a rekey
 * that never retires the old SA shows as a count that keeps growing.
 *
 * <p>The listings are samples: an SA that lived less than the sampling gap can be missed, so the number of
 * rekeys seen is a lower bound, which is what the tests assert.
 */
final class RekeyWitness
{
    private final String child;
    private final Set<String> strongSwanChildSpis = new LinkedHashSet<>();
    private final Set<String> strongSwanIkeSpis = new LinkedHashSet<>();
    private final Set<String> toriiChildSpis = new LinkedHashSet<>();
    private final Set<String> toriiIkeSpis = new LinkedHashSet<>();
    private int mostIkeSas;
    private long mostChildSas;
    private int samples;

    /**
     * @param child the child whose SAs are followed.
     */
    RekeyWitness(final String child)
    {
        this.child = child;
    }

    /**
     * @param atStrongSwan strongSwan's listing.
     * @param atTorii Torii's listing, taken at about the same time.
     */
    void sample(final SaListing atStrongSwan, final ToriiSaListing atTorii)
    {
        samples++;
        for (final IkeSaStatus ike : atStrongSwan.ikeSas())
        {
            strongSwanIkeSpis.add(ike.field("initiator-spi") + "_" + ike.field("responder-spi"));
            ike.children().stream().filter(sa -> sa.name().equals(child))
                .forEach(sa -> strongSwanChildSpis.add(sa.field("spi-in")));
        }
        for (final ToriiSaListing.Ike ike : atTorii.ikeSas())
        {
            toriiIkeSpis.add(ike.spis());
            ike.children().stream().filter(sa -> sa.name().equals(child))
                .forEach(sa -> toriiChildSpis.add(sa.inboundSpi()));
        }
        final long strongSwanChildren = atStrongSwan.ikeSas().stream().flatMap(sa -> sa.children().stream())
            .filter(sa -> sa.name().equals(child)).count();
        mostIkeSas = Math.max(mostIkeSas, Math.max(atStrongSwan.ikeSas().size(), atTorii.ikeCount()));
        mostChildSas = Math.max(mostChildSas, Math.max(strongSwanChildren, atTorii.childCount(child)));
    }

    /** @return Child SA replacements seen on strongSwan's side: distinct inbound SPIs less the first. */
    int strongSwanChildRekeys()
    {
        return Math.max(0, strongSwanChildSpis.size() - 1);
    }

    /** @return IKE SA replacements seen on strongSwan's side. */
    int strongSwanIkeRekeys()
    {
        return Math.max(0, strongSwanIkeSpis.size() - 1);
    }

    /** @return Child SA replacements seen on Torii's side. */
    int toriiChildRekeys()
    {
        return Math.max(0, toriiChildSpis.size() - 1);
    }

    /** @return IKE SA replacements seen on Torii's side. */
    int toriiIkeRekeys()
    {
        return Math.max(0, toriiIkeSpis.size() - 1);
    }

    /** @return the most IKE SAs one side listed at once. */
    int mostIkeSas()
    {
        return mostIkeSas;
    }

    /** @return the most Child SAs of the child one side listed at once. */
    long mostChildSas()
    {
        return mostChildSas;
    }

    /** @return what was seen, for failure messages and the test's report. */
    @Override
    public String toString()
    {
        return samples + " samples; strongSwan: " + strongSwanIkeSpis.size() + " IKE SAs, " +
            strongSwanChildSpis.size() + " Child SAs (inbound SPIs " + strongSwanChildSpis + "); torii: " +
            toriiIkeSpis.size() + " IKE SAs, " + toriiChildSpis.size() + " Child SAs (inbound SPIs " +
            toriiChildSpis + "); at most " + mostIkeSas + " IKE and " + mostChildSas + " Child SAs at once";
    }
}
