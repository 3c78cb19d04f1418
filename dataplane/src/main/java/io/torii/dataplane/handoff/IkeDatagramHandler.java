package io.torii.dataplane.handoff;

/**
 * Takes the IKE messages an {@link IkeDatagramAdapter} reads from an IKE datagram ring.
 */
@FunctionalInterface
public interface IkeDatagramHandler
{
    /**
     * @param datagram the message, valid only during the call: copy what is kept.
     * @param ikeLength the IKE message's length, from {@link IkeDatagramFlyweight#ikeOffset()}.
     */
    void onIkeDatagram(IkeDatagramFlyweight datagram, int ikeLength);
}
