package io.torii.ike.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Shorthands for the proposal tests: parse strings that must be valid, and show transforms by name.
 */
final class ProposalTestSupport
{
    private ProposalTestSupport()
    {
    }

    static List<Proposal> parse(final int protocol, final String setting)
    {
        final ProposalParseResult result = ProposalStringParser.parse(protocol, setting, false);
        assertThat(result).isInstanceOf(ProposalParseResult.Parsed.class);
        return ((ProposalParseResult.Parsed) result).proposals();
    }

    static List<Proposal> parseWeak(final int protocol, final String setting)
    {
        final ProposalParseResult result = ProposalStringParser.parse(protocol, setting, true);
        assertThat(result).isInstanceOf(ProposalParseResult.Parsed.class);
        return ((ProposalParseResult.Parsed) result).proposals();
    }

    static String error(final int protocol, final String setting)
    {
        final ProposalParseResult result = ProposalStringParser.parse(protocol, setting, false);
        assertThat(result).isInstanceOf(ProposalParseResult.Invalid.class);
        return ((ProposalParseResult.Invalid) result).message();
    }

    /** The transforms' names, separated by spaces. */
    static String names(final List<Transform> transforms)
    {
        final List<String> names = new ArrayList<>();
        for (final Transform transform : transforms)
        {
            names.add(TransformNames.describe(transform));
        }
        return String.join(" ", names);
    }

    /** A peer's proposal built by hand, as the codec would hand it over. */
    static Proposal peer(final int number, final int protocol, final byte[] spi, final String setting)
    {
        final Proposal parsed = parseWeak(protocol, setting).getFirst();
        return new Proposal(number, protocol, spi, parsed.transforms());
    }

    /** The proposal with the given transforms removed, to model peers that leave types out. */
    static Proposal without(final Proposal proposal, final int type)
    {
        final List<Transform> transforms = new ArrayList<>(proposal.transforms());
        transforms.removeIf(t -> t.type() == type);
        return new Proposal(proposal.number(), proposal.protocol(), proposal.spi(), transforms);
    }
}
