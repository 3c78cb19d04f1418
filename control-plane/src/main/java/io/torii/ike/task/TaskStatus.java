package io.torii.ike.task;

/** Where a task stands after building or processing a message. */
public enum TaskStatus
{
    /** The task has more to do: another message of the exchange, or a retry of it. */
    NEED_MORE,
    /** The task did its part. */
    DONE,
    /** The task failed; the reason is in the session's failure. */
    FAILED
}
