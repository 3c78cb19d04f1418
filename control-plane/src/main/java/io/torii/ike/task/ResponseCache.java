package io.torii.ike.task;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The peer's side of the message IDs (RFC 7296 §2.1, §2.2): the ID of the request we expect next, and our
 * last response, whole or in fragments, kept so that a retransmission of the request it answered gets the
 * same response again and is never processed twice.
 */
final class ResponseCache
{
    private int expectedRequestId;
    private List<byte[]> lastResponse;
    private InetSocketAddress lastResponseTo;

    /** @return the message ID of the peer's next request. */
    int expectedRequestId()
    {
        return expectedRequestId;
    }

    /**
     * @param messageId a request's message ID.
     * @return true when it is the request we answered last: a retransmission.
     */
    boolean answeredLast(final int messageId)
    {
        return lastResponse != null && messageId == expectedRequestId - 1;
    }

    /**
     * Keeps our response to a request, whose successor we expect next.
     *
     * @param messageId the request's message ID.
     * @param response the response's datagrams: one, or its fragments.
     * @param to where the request came from.
     */
    void answered(final int messageId, final List<byte[]> response, final InetSocketAddress to)
    {
        lastResponse = response;
        expectedRequestId = messageId + 1;
        lastResponseTo = to;
    }

    /** @return our last response's datagrams. */
    List<byte[]> lastResponse()
    {
        return lastResponse;
    }

    /** @return where the request it answered came from. */
    InetSocketAddress lastResponseTo()
    {
        return lastResponseTo;
    }
}
