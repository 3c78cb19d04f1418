package io.torii.ike.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads strongSwan 5.9 proposal strings: the {@code proposals} (IKE), {@code esp_proposals} and
 * {@code ah_proposals} settings of swanctl.conf. Each string is one proposal, its algorithm keywords
 * ({@link ProposalKeywords}) separated by dashes, for example {@code aes256gcm16-prfsha384-ecp384} or
 * {@code aes256-aes128-sha512-sha256-modp4096-modp2048}; several algorithms of one type are
 * alternatives, the first preferred. The word {@code default} stands for strongSwan's default
 * proposals ({@link DefaultProposals}). A key exchange method in an ESP or AH proposal asks for PFS
 * when the Child SA is created or rekeyed with CREATE_CHILD_SA; {@code none} next to it makes PFS
 * optional.
 * <p>
 * A trailing {@code !} is accepted, as in strongSwan's ipsec.conf, and reported as
 * {@link ProposalParseResult.Parsed#strict()}. In ipsec.conf it stops the daemon from appending its
 * default proposals to the configured ones; swanctl.conf never appends them, and neither does Torii, so
 * with or without {@code !} exactly the configured proposals are offered and accepted.
 * <p>
 * The proposals are checked as strongSwan checks them ({@link ProposalRules}), and weak algorithms
 * ({@link WeakAlgorithms}) are refused unless allowed. Bad input never throws: it gives
 * {@link ProposalParseResult.Invalid} with a message naming the proposal, the keyword and its position.
 */
public final class ProposalStringParser
{
    /** The highest proposal number an SA payload can carry (RFC 7296 §3.3.1). */
    private static final int MAX_PROPOSALS = 255;

    private ProposalStringParser()
    {
    }

    /**
     * @param protocol {@link Proposal#IKE}, {@link Proposal#ESP} or {@link Proposal#AH}.
     * @param setting the setting's value: proposal strings separated by commas.
     * @param allowWeak whether weak algorithms are accepted.
     * @return the proposals, or why they were refused.
     */
    public static ProposalParseResult parse(final int protocol, final String setting, final boolean allowWeak)
    {
        if (setting == null)
        {
            return new ProposalParseResult.Invalid("no proposals given");
        }
        return parse(protocol, List.of(setting.split(",", -1)), allowWeak);
    }

    /**
     * @param protocol {@link Proposal#IKE}, {@link Proposal#ESP} or {@link Proposal#AH}.
     * @param proposalStrings the proposal strings, in preference order.
     * @param allowWeak whether weak algorithms are accepted.
     * @return the proposals, or why they were refused.
     */
    public static ProposalParseResult parse(final int protocol, final List<String> proposalStrings,
        final boolean allowWeak)
    {
        if (protocol != Proposal.IKE && protocol != Proposal.ESP && protocol != Proposal.AH)
        {
            return new ProposalParseResult.Invalid("protocol " + protocol + " has no proposal strings: " +
                "expected IKE (1), AH (2) or ESP (3)");
        }
        final String setting = settingName(protocol);
        if (proposalStrings == null || proposalStrings.isEmpty())
        {
            return new ProposalParseResult.Invalid(setting + ": no proposals given");
        }
        final List<Proposal> proposals = new ArrayList<>();
        boolean strict = false;
        for (int i = 0; i < proposalStrings.size(); i++)
        {
            final String where = setting + ", proposal " + (i + 1);
            String text = proposalStrings.get(i) == null ? "" : proposalStrings.get(i).strip();
            if (text.endsWith("!"))
            {
                strict = true;
                text = text.substring(0, text.length() - 1).strip();
            }
            if (text.isEmpty())
            {
                return new ProposalParseResult.Invalid(where + " is empty");
            }
            final List<List<Transform>> parsed = new ArrayList<>();
            if (text.equalsIgnoreCase("default"))
            {
                parsed.addAll(DefaultProposals.transforms(protocol, allowWeak));
            }
            else
            {
                final List<Transform> transforms = new ArrayList<>();
                final Optional<String> problem = readKeywords(protocol, text, allowWeak, transforms);
                if (problem.isPresent())
                {
                    return new ProposalParseResult.Invalid(where + " '" + text + "': " + problem.get());
                }
                parsed.add(transforms);
            }
            for (final List<Transform> transforms : parsed)
            {
                if (proposals.size() == MAX_PROPOSALS)
                {
                    return new ProposalParseResult.Invalid(setting + ": more than " + MAX_PROPOSALS +
                        " proposals, the most one SA payload can number");
                }
                proposals.add(new Proposal(proposals.size() + 1, protocol, new byte[0], transforms));
            }
        }
        return new ProposalParseResult.Parsed(proposals, strict);
    }

    private static Optional<String> readKeywords(final int protocol, final String text, final boolean allowWeak,
        final List<Transform> transforms)
    {
        final String[] keywords = text.split("-", -1);
        for (int k = 0; k < keywords.length; k++)
        {
            final String keyword = keywords[k].strip();
            final String position = "keyword " + (k + 1);
            if (keyword.isEmpty())
            {
                return Optional.of(position + " is empty (two dashes in a row, or a dash at an end)");
            }
            final Optional<Transform> transform = ProposalKeywords.lookup(keyword);
            if (transform.isEmpty())
            {
                return Optional.of(position + " '" + keyword + "' is not a known algorithm; expected " +
                    ProposalKeywords.expectedSummary());
            }
            final Optional<String> weakness = WeakAlgorithms.reason(transform.get());
            if (weakness.isPresent() && !allowWeak)
            {
                return Optional.of(position + " '" + keyword + "' is weak: " + weakness.get() +
                    "; remove it, or allow weak algorithms explicitly");
            }
            if (!transforms.contains(transform.get()))
            {
                transforms.add(transform.get());
            }
        }
        return ProposalRules.apply(protocol, transforms);
    }

    private static String settingName(final int protocol)
    {
        return switch (protocol)
        {
            case Proposal.IKE -> "proposals";
            case Proposal.ESP -> "esp_proposals";
            default -> "ah_proposals";
        };
    }
}
