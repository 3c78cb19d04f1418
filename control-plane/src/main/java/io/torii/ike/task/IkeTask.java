package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;

/**
 * One piece of IKE logic, strongSwan-style. A task made for the initiator of an exchange builds its part
 * of the request and processes the response; one made for the responder processes the request and builds
 * its part of the response. Tasks see typed payloads only.
 */
public interface IkeTask
{
    /**
     * Adds this task's payloads to an outgoing message.
     *
     * @param draft the message being built.
     * @return {@link TaskStatus#DONE} when the task is complete once this message is sent (a responder),
     *         {@link TaskStatus#NEED_MORE} when it waits for the answer, {@link TaskStatus#FAILED}.
     */
    TaskStatus build(MessageDraft draft);

    /**
     * Reads this task's payloads from the peer's message.
     *
     * @param message the decoded, authenticated (when encrypted) message.
     * @return {@link TaskStatus#DONE}, {@link TaskStatus#NEED_MORE} (a retry of the exchange is wanted, or a
     *         responder has yet to build), or {@link TaskStatus#FAILED}.
     */
    TaskStatus process(IkeMessage message);
}
