package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.sa.ChildProfile;

/**
 * An additional Child SA through CREATE_CHILD_SA (RFC 7296 §1.3.1):
 * <pre>
 *   Initiator                                Responder
 *   HDR, SK {SA, Ni, [KEi], TSi, TSr}   -->
 *                                       <--  HDR, SK {SA, Nr, [KEr], TSi, TSr}
 * </pre>
 * The negotiation itself ({@link ChildSaNegotiation}) is shared with rekeying. The initiator offers the
 * child's configured selectors; the responder picks among all the connection's children, installs the pair
 * before answering, and answers NO_ADDITIONAL_SAS when the dataplane cannot take it. A failure leaves the
 * IKE SA as it was.
 */
final class CreateChildSaTask implements IkeTask
{
    private final IkeSaContext sa;
    private final boolean initiator;
    private final ChildSaNegotiation negotiation;

    /**
     * @param sa the IKE SA.
     * @param child the child to create when we initiate; null for the responder, which picks one.
     */
    CreateChildSaTask(final IkeSaContext sa, final ChildProfile child)
    {
        this.sa = sa;
        this.initiator = child != null;
        this.negotiation = new ChildSaNegotiation(sa, child);
    }

    /** @return the child we set up; null for the responder. */
    ChildProfile child()
    {
        return initiator ? negotiation.child() : null;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (!initiator)
        {
            negotiation.answer(draft);
            return TaskStatus.DONE;
        }
        final ChildProfile child = negotiation.child();
        final String problem = negotiation.offer(draft, Selectors.toWire(child.localTs(), sa.local.getAddress()),
            Selectors.toWire(child.remoteTs(), sa.remote.getAddress()));
        return problem == null ? TaskStatus.NEED_MORE : failed(problem);
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        return initiator ? processResponse(message) : processRequest(message);
    }

    private TaskStatus processResponse(final IkeMessage message)
    {
        return switch (negotiation.read(message))
        {
            case RETRY -> TaskStatus.NEED_MORE;
            case REFUSED, FAILED -> failed(negotiation.failure());
            case ACCEPTED -> installed(negotiation.install(true, null));
        };
    }

    private TaskStatus processRequest(final IkeMessage message)
    {
        if (negotiation.select(message, sa.profile.children()) && negotiation.acceptKeyExchange(message))
        {
            final ChildSaFactory.Result result = negotiation.install(false, null);
            if (result.failure() != null)
            {
                sa.events.add("CHILD_SA " + negotiation.child().name() + " not established: " + result.failure());
                negotiation.refuse(NotifyType.NO_ADDITIONAL_SAS, null);
            }
            else
            {
                sa.events.add(ChildSaFactory.established(result.child()));
            }
        }
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus installed(final ChildSaFactory.Result result)
    {
        if (result.failure() != null)
        {
            return failed(result.failure());
        }
        sa.events.add(ChildSaFactory.established(result.child()));
        return TaskStatus.DONE;
    }

    private TaskStatus failed(final String reason)
    {
        negotiation.close();
        final ChildProfile child = negotiation.child();
        sa.events.add("CHILD_SA " + (child == null ? "" : child.name() + " ") + "not established: " + reason);
        return TaskStatus.FAILED;
    }
}
