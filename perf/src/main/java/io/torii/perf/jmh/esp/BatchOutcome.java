package io.torii.perf.jmh.esp;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.status.Disposition;

/**
 * Stops a benchmark whose packets did not all come through: a score for dropped packets would measure
 * the drop path, not ESP. The check is one comparison per batch; building the message happens only on
 * failure.
 */
public final class BatchOutcome
{
    private BatchOutcome()
    {
    }

    /**
     * @param batch the batch a stage processed.
     * @param ok what the stage returned: how many packets left it OK.
     * @param stage the stage's name, for the message.
     * @return {@code ok}, for the benchmark to return.
     * @throws IllegalStateException naming the first packet that was not OK and its disposition.
     */
    public static int requireAllOk(final PacketBatch batch, final int ok, final String stage)
    {
        if (ok != batch.size() || ok != batch.capacity())
        {
            throw failure(batch, ok, stage);
        }
        return ok;
    }

    private static IllegalStateException failure(final PacketBatch batch, final int ok, final String stage)
    {
        for (int i = 0; i < batch.size(); i++)
        {
            final Disposition disposition = batch.disposition(i);
            if (disposition != Disposition.OK)
            {
                return new IllegalStateException(stage + ": packet " + i + " of " + batch.size() + " ended " +
                    disposition + " (" + ok + " OK)");
            }
        }
        return new IllegalStateException(stage + ": " + ok + " of " + batch.capacity() + " packets OK; the batch " +
            "was not full (a pool packet larger than the batch's slots?)");
    }
}
