package io.torii.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code torii list-sas}, kept for failure messages and parsed for checks from outside the
 * daemon: how many IKE SAs and Child SAs it holds, in which state, and their SPIs. The layout is
 * swanctl's {@code --list-sas} (see the command's own javadoc):
 * <pre>
 * ab: #1, ESTABLISHED, IKEv2, 5a0c17e0e1f2d3c4_i* 9b8a7f6e5d4c3b2a_r
 *   ...
 *   net: #1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256
 *     in  c9d2a1f0,    504 bytes,     6 packets
 *     out c4b3e8d7,    504 bytes,     6 packets
 * </pre>
 * Parsing never throws: lines it does not know are skipped, so a check on a listing it could not read fails.
 *
 * @param raw the text the command printed.
 * @param ikeSas the IKE SAs found, in the order printed.
 */
public record ToriiSaListing(String raw, List<Ike> ikeSas)
{
    private static final Pattern IKE_LINE = Pattern.compile(
        "^(\\S+): #\\d+, (\\S+), IKEv2, ([0-9a-f]+)_i\\*? ([0-9a-f]+)_r\\*?$");
    private static final Pattern CHILD_LINE = Pattern.compile("^  (\\S+): #\\d+, ([A-Z_]+), ");
    private static final Pattern REMOTE_LINE = Pattern.compile("^  remote '.*' @ (\\S+)\\[(\\d+)]$");
    private static final Pattern SPI_LINE = Pattern.compile("^    (in|out) +([0-9a-f]{8})\\b");

    /**
     * One IKE SA.
     *
     * @param name its connection.
     * @param state such as {@code ESTABLISHED}.
     * @param initiatorSpi the initiator's SPI in hex.
     * @param responderSpi the responder's SPI in hex.
     * @param remote the peer's address and port, such as {@code 192.0.2.2[4500]}; empty when not printed.
     * @param children its Child SAs.
     */
    public record Ike(String name, String state, String initiatorSpi, String responderSpi, String remote,
        List<Child> children)
    {
        /**
         * Copies the children.
         *
         * @param name the connection.
         * @param state the state.
         * @param initiatorSpi the initiator's SPI.
         * @param responderSpi the responder's SPI.
         * @param remote the peer's address and port.
         * @param children the Child SAs.
         */
        public Ike
        {
            children = List.copyOf(children);
        }

        /** @return both SPIs, which name the IKE SA. */
        public String spis()
        {
            return initiatorSpi + "_" + responderSpi;
        }
    }

    /**
     * One Child SA.
     *
     * @param name its child configuration.
     * @param state such as {@code INSTALLED}.
     * @param inboundSpi our inbound SPI in hex, empty when not printed.
     * @param outboundSpi our outbound SPI in hex, empty when not printed.
     */
    public record Child(String name, String state, String inboundSpi, String outboundSpi)
    {
    }

    /**
     * Copies the list.
     *
     * @param raw the text.
     * @param ikeSas the IKE SAs.
     */
    public ToriiSaListing
    {
        ikeSas = List.copyOf(ikeSas);
    }

    /**
     * @param raw what {@code torii list-sas} printed.
     * @return the listing.
     */
    public static ToriiSaListing parse(final String raw)
    {
        final List<Ike> sas = new ArrayList<>();
        String[] ike = null;
        List<Child> children = new ArrayList<>();
        String[] child = null;
        for (final String line : raw.split("\n"))
        {
            final Matcher ikeLine = IKE_LINE.matcher(line);
            final Matcher childLine = CHILD_LINE.matcher(line);
            final Matcher spiLine = SPI_LINE.matcher(line);
            if (ikeLine.matches())
            {
                addChild(children, child);
                child = null;
                addIke(sas, ike, children);
                children = new ArrayList<>();
                ike = new String[] {ikeLine.group(1), ikeLine.group(2), ikeLine.group(3), ikeLine.group(4), ""};
            }
            else if (ike != null && child == null && REMOTE_LINE.matcher(line).matches())
            {
                final Matcher remote = REMOTE_LINE.matcher(line);
                ike[4] = remote.matches() ? remote.group(1) + "[" + remote.group(2) + "]" : "";
            }
            else if (ike != null && childLine.find())
            {
                addChild(children, child);
                child = new String[] {childLine.group(1), childLine.group(2), "", ""};
            }
            else if (child != null && spiLine.find())
            {
                child[spiLine.group(1).equals("in") ? 2 : 3] = spiLine.group(2);
            }
        }
        addChild(children, child);
        addIke(sas, ike, children);
        return new ToriiSaListing(raw, sas);
    }

    /** @return how many IKE SAs are listed, in any state. */
    public int ikeCount()
    {
        return ikeSas.size();
    }

    /**
     * @param child a child name.
     * @return how many Child SAs of that name are listed under any IKE SA, in any state.
     */
    public long childCount(final String child)
    {
        return ikeSas.stream().flatMap(sa -> sa.children().stream()).filter(sa -> sa.name().equals(child)).count();
    }

    /**
     * @param child a child name.
     * @return whether a Child SA of that name is {@code INSTALLED} under an {@code ESTABLISHED} IKE SA.
     */
    public boolean isChildInstalled(final String child)
    {
        return ikeSas.stream().filter(sa -> sa.state().equals("ESTABLISHED")).flatMap(sa -> sa.children().stream())
            .anyMatch(sa -> sa.name().equals(child) && sa.state().equals("INSTALLED"));
    }

    private static void addChild(final List<Child> children, final String[] child)
    {
        if (child != null)
        {
            children.add(new Child(child[0], child[1], child[2], child[3]));
        }
    }

    private static void addIke(final List<Ike> sas, final String[] ike, final List<Child> children)
    {
        if (ike != null)
        {
            sas.add(new Ike(ike[0], ike[1], ike[2], ike[3], ike[4], children));
        }
    }
}
