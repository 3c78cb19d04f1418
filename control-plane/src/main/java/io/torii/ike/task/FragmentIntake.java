package io.torii.ike.task;

import io.torii.ike.message.DecodeResult;
import io.torii.ike.message.IkeMessage;
import java.util.EnumMap;
import java.util.Map;

/**
 * IKE fragments (RFC 7383) as one SA sees them: the peer's fragments collected per direction, a request and
 * a response apart (§2.6), and what became of fragments, ours and the peer's, counted by event.
 */
final class FragmentIntake
{
    private final FragmentReassembly requests = new FragmentReassembly();
    private final FragmentReassembly responses = new FragmentReassembly();
    private final Map<IkeSession.FragmentEvent, Long> counts = new EnumMap<>(IkeSession.FragmentEvent.class);

    /**
     * Collects a fragment of the peer's message the SA expects.
     *
     * @param fragment the fragment, decrypted.
     * @return the whole message once this fragment completed it, decoded or with why not; null before.
     */
    DecodeResult add(final IkeMessage fragment)
    {
        final FragmentReassembly reassembly = fragment.response() ? responses : requests;
        final FragmentReassembly.Outcome outcome = reassembly.add(fragment);
        switch (outcome)
        {
            case COLLECTED -> count(IkeSession.FragmentEvent.RECEIVED);
            case DUPLICATE -> count(IkeSession.FragmentEvent.DUPLICATE);
            case STALE -> count(IkeSession.FragmentEvent.STALE);
            case TOO_LARGE -> count(IkeSession.FragmentEvent.TOO_LARGE);
            case COMPLETE ->
            {
                count(IkeSession.FragmentEvent.RECEIVED);
                count(IkeSession.FragmentEvent.REASSEMBLED);
            }
        }
        return outcome == FragmentReassembly.Outcome.COMPLETE ? reassembly.take() : null;
    }

    /** Drops the fragments of a request collected so far: a request was answered. */
    void clearRequest()
    {
        requests.clear();
    }

    /** Drops the fragments of a response collected so far: a request of ours starts or ended. */
    void clearResponse()
    {
        responses.clear();
    }

    /**
     * @param event what happened to one fragment.
     */
    void count(final IkeSession.FragmentEvent event)
    {
        counts.merge(event, 1L, Long::sum);
    }

    /**
     * @param fragments how many fragments of ours went out.
     */
    void sent(final int fragments)
    {
        counts.merge(IkeSession.FragmentEvent.SENT, (long)fragments, Long::sum);
    }

    /** @return the counts by event; events that never happened are absent. */
    Map<IkeSession.FragmentEvent, Long> counts()
    {
        return Map.copyOf(counts);
    }
}
