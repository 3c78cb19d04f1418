package io.torii.ike.task;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.net.IkeDatagram;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Which tasks answer a request of the peer, as strongSwan's task manager picks responder tasks: IKE_SA_INIT
 * and IKE_AUTH while the SA is set up (RFC 7296 §1.2), then CREATE_CHILD_SA for a Child SA, its rekey or the
 * IKE SA's rekey (§1.3), unless {@link Collisions} refuses it for now, and INFORMATIONAL (§1.4), with MOBIKE's
 * address updates when negotiated (RFC 4555). The session checks the message ID first.
 */
final class Responders
{
    private final IkeSaContext sa;

    /**
     * @param sa the IKE SA whose requests these answer.
     */
    Responders(final IkeSaContext sa)
    {
        this.sa = sa;
    }

    /**
     * @param message a request of the SA being set up, with the message ID expected.
     * @param raw its bytes, which the AUTH payloads sign when it is IKE_SA_INIT.
     * @param first true when the SA expects its first request (ID 0): IKE_SA_INIT.
     * @param second true when it expects its second (ID 1): IKE_AUTH.
     * @return the tasks that answer it, the Child SA's last, or none when it is not the exchange its ID calls
     *         for.
     */
    List<IkeTask> whileConnecting(final IkeMessage message, final byte[] raw, final boolean first,
        final boolean second)
    {
        final int type = message.exchangeType();
        if (type == ExchangeType.IKE_SA_INIT && first)
        {
            sa.initRequest = raw;
            return List.of(new IkeInitTask(sa, false), new CertificateHintsTask(sa, false),
                new FragmentationTask(sa, false));
        }
        if (type == ExchangeType.IKE_AUTH && second)
        {
            return List.of(new IkeAuthTask(sa, false), new MobikeSupportTask(sa, false),
                new ChildCreateTask(sa, false));
        }
        return List.of();
    }

    /**
     * @param message a request on the established SA, with the message ID expected.
     * @param datagram the datagram it came in, for MOBIKE's address checks.
     * @param ours the first task of our exchange in flight, or null.
     * @param superseded true when this SA was replaced or is redundant.
     * @param spiSource where our SPI of a new IKE SA comes from.
     * @return the tasks that answer it, or none for an exchange not expected now.
     */
    List<IkeTask> whenEstablished(final IkeMessage message, final IkeDatagram datagram, final IkeTask ours,
        final boolean superseded, final LongSupplier spiSource)
    {
        return switch (message.exchangeType())
        {
            case ExchangeType.CREATE_CHILD_SA -> createChild(message, ours, superseded, spiSource);
            case ExchangeType.INFORMATIONAL -> sa.mobike ?
                List.of(new InformationalResponder(sa), new MobikeUpdateResponder(sa, datagram)) :
                List.of(new InformationalResponder(sa));
            default -> List.of();
        };
    }

    /** CREATE_CHILD_SA's responders: an IKE rekey or a Child SA, or TEMPORARY_FAILURE when it collides. */
    private List<IkeTask> createChild(final IkeMessage message, final IkeTask ours, final boolean superseded,
        final LongSupplier spiSource)
    {
        if (IkeRekeyTask.isIkeRekey(message))
        {
            return List.of(Collisions.refusePeerIkeRekey(ours, superseded) ?
                new RefusingResponder(sa, NotifyType.TEMPORARY_FAILURE, "IKE_SA rekey while a Child SA or the " +
                    "IKE_SA is being set up, rekeyed or deleted") :
                new IkeRekeyTask(sa, false, spiSource));
        }
        if (Collisions.refusePeerChildExchange(ours, superseded))
        {
            return List.of(new RefusingResponder(sa, NotifyType.TEMPORARY_FAILURE, "the IKE_SA is being rekeyed"));
        }
        return List.of(ChildRekeyTask.rekeysChild(message) ? new ChildRekeyTask(sa, null) :
            new CreateChildSaTask(sa, null));
    }
}
