package io.torii.ike.task;

/**
 * An exchange a task asks the session to start next, ahead of what is queued: the Delete of the pair a
 * rekey replaced (RFC 7296 §2.8), or of a redundant pair after a collision (§2.8.1).
 *
 * @param exchangeType the exchange, an {@link io.torii.ike.message.ExchangeType} value.
 * @param task the task that builds its request and reads its response.
 */
record FollowUp(int exchangeType, IkeTask task)
{
}
