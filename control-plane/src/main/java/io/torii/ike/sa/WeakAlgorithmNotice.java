package io.torii.ike.sa;

import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformNames;
import io.torii.ike.proposal.WeakAlgorithms;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The log line that says a connection runs with weak algorithms: a connection only gets them with Torii's
 * {@code allow_weak = yes}, and whoever reads the log should see that choice, and what it let in, once.
 */
public final class WeakAlgorithmNotice
{
    private WeakAlgorithmNotice()
    {
    }

    /**
     * @param profile a connection's profile.
     * @return the weak algorithms its IKE and ESP proposals hold, IANA names in proposal order, each once;
     *         empty when it holds none.
     */
    public static List<String> weakAlgorithms(final PeerProfile profile)
    {
        final SequencedSet<String> weak = new LinkedHashSet<>();
        collect(profile.ikeProposals(), weak);
        for (final ChildProfile child : profile.children())
        {
            collect(child.espProposals(), weak);
        }
        return List.copyOf(weak);
    }

    /**
     * @param profile a connection's profile.
     * @return one line naming the connection and the weak algorithms it allowed, or empty when its
     *         proposals hold none, whether or not {@code allow_weak} is set.
     */
    public static Optional<String> describe(final PeerProfile profile)
    {
        final List<String> weak = weakAlgorithms(profile);
        if (weak.isEmpty())
        {
            return Optional.empty();
        }
        return Optional.of("connection '" + profile.name() + "' allows weak algorithms (allow_weak = yes): " +
            String.join(", ", weak));
    }

    private static void collect(final List<Proposal> proposals, final SequencedSet<String> into)
    {
        for (final Proposal proposal : proposals)
        {
            for (final Transform transform : proposal.transforms())
            {
                if (WeakAlgorithms.isWeak(transform))
                {
                    into.add(TransformNames.describe(transform));
                }
            }
        }
    }
}
