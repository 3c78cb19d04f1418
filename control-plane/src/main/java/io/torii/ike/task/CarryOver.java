package io.torii.ike.task;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.sa.ChildSa;
import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of our exchanges that had not started when an IKE SA rekey (RFC 7296 §2.8, §2.18) handed
 * the Child SAs to the successor. A task is bound to the IKE SA it was made for, and the old SA only waits
 * for its Delete, so each one is made again for the successor from what it was for; dropping them would
 * leave a pair marked as being rekeyed that nothing rekeys any more, until its hard lifetime deletes it:
 * <table>
 *   <caption>Queued on the old SA, and what the successor gets</caption>
 *   <tr><th>queued on the old SA</th><th>on the successor</th></tr>
 *   <tr><td>CREATE_CHILD_SA for a child</td><td>the same, for that child</td></tr>
 *   <tr><td>rekey of a pair</td><td>the rekey of that pair, the pair still marked as being rekeyed</td></tr>
 *   <tr><td>Delete of a pair (a follow-up after a rekey or a collision, or an expiry)</td>
 *       <td>the Delete of that pair</td></tr>
 *   <tr><td>liveness check</td><td>a liveness check</td></tr>
 *   <tr><td>MOBIKE address update</td><td>the update to the same address</td></tr>
 *   <tr><td>Delete of the IKE SA</td><td>the Delete of the successor: the tunnel was meant to end</td></tr>
 *   <tr><td>rekey of the IKE SA</td><td>nothing: the successor has its own schedule</td></tr>
 * </table>
 * A pair still marked as being rekeyed with no task left for it (nothing should leave one so, but a pair
 * stuck there would never be rekeyed again) gets its rekey on the successor too. An exchange in flight on
 * the old SA is never carried: it gets its answer there, and the collision rules ({@link Collisions})
 * refuse an IKE rekey while a Child SA exchange is in flight.
 */
final class CarryOver
{
    private CarryOver()
    {
    }

    /**
     * @param pending our exchanges not yet started on the old SA, its follow-ups first, in the order they
     *        were to go; each is its first task. Those that are not carried are closed.
     * @param successor the state of the SA that holds the Child SAs now.
     * @return the exchanges to queue on the successor, in the same order.
     */
    static List<FollowUp> recreate(final List<IkeTask> pending, final IkeSaContext successor)
    {
        final List<FollowUp> carried = new ArrayList<>();
        final List<ChildSa> rekeys = new ArrayList<>();
        for (final IkeTask task : pending)
        {
            final FollowUp again = recreate(task, successor);
            if (again == null)
            {
                continue;
            }
            if (again.task() instanceof ChildRekeyTask rekey)
            {
                if (rekeys.contains(rekey.rekeyed()))
                {
                    continue;
                }
                rekeys.add(rekey.rekeyed());
            }
            carried.add(again);
        }
        for (final ChildSa pair : successor.childStates.rekeying())
        {
            if (!rekeys.contains(pair))
            {
                carried.add(new FollowUp(ExchangeType.CREATE_CHILD_SA, new ChildRekeyTask(successor, pair)));
            }
        }
        return carried;
    }

    /** @return the task made again for the successor, or null when it does not go there. */
    private static FollowUp recreate(final IkeTask task, final IkeSaContext successor)
    {
        return switch (task)
        {
            case CreateChildSaTask create when create.child() != null ->
                new FollowUp(ExchangeType.CREATE_CHILD_SA, new CreateChildSaTask(successor, create.child()));
            case ChildRekeyTask rekey when rekey.rekeyed() != null ->
                new FollowUp(ExchangeType.CREATE_CHILD_SA, new ChildRekeyTask(successor, rekey.rekeyed()));
            case DeleteChildTask delete ->
                new FollowUp(ExchangeType.INFORMATIONAL, new DeleteChildTask(successor, delete.child()));
            case LivenessTask ignored -> new FollowUp(ExchangeType.INFORMATIONAL, new LivenessTask());
            case MobikeUpdateTask update ->
                new FollowUp(ExchangeType.INFORMATIONAL, new MobikeUpdateTask(successor, update.newLocal()));
            case DeleteIkeTask ignored -> new FollowUp(ExchangeType.INFORMATIONAL, new DeleteIkeTask(successor));
            case IkeRekeyTask rekey ->
            {
                rekey.discard();
                yield null;
            }
            default -> null;
        };
    }
}
