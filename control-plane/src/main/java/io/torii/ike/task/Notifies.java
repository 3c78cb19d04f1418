package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finding notifies in a message, in the clear or encrypted. */
final class Notifies
{
    private Notifies()
    {
    }

    static List<NotifyPayload> all(final IkeMessage message, final int notifyType)
    {
        final List<NotifyPayload> found = new ArrayList<>();
        for (final Payload payload : message.allPayloads())
        {
            if (payload instanceof NotifyPayload notify && notify.notifyType() == notifyType)
            {
                found.add(notify);
            }
        }
        return found;
    }

    static Optional<NotifyPayload> first(final IkeMessage message, final int notifyType)
    {
        final List<NotifyPayload> found = all(message, notifyType);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** @return the first error notify (type below 16384), if any. */
    static Optional<NotifyPayload> firstError(final IkeMessage message)
    {
        for (final Payload payload : message.allPayloads())
        {
            if (payload instanceof NotifyPayload notify && NotifyType.isError(notify.notifyType()))
            {
                return Optional.of(notify);
            }
        }
        return Optional.empty();
    }

    /** @return the notify type's name for logs, as RFC 7296 §3.10.1 writes it, for the errors a peer sends. */
    static String name(final int notifyType)
    {
        return switch (notifyType)
        {
            case NotifyType.NO_PROPOSAL_CHOSEN -> "NO_PROPOSAL_CHOSEN";
            case NotifyType.INVALID_KE_PAYLOAD -> "INVALID_KE_PAYLOAD";
            case NotifyType.AUTHENTICATION_FAILED -> "AUTHENTICATION_FAILED";
            case NotifyType.TS_UNACCEPTABLE -> "TS_UNACCEPTABLE";
            case NotifyType.INVALID_SYNTAX -> "INVALID_SYNTAX";
            case NotifyType.TEMPORARY_FAILURE -> "TEMPORARY_FAILURE";
            case NotifyType.NO_ADDITIONAL_SAS -> "NO_ADDITIONAL_SAS";
            case NotifyType.CHILD_SA_NOT_FOUND -> "CHILD_SA_NOT_FOUND";
            case NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD -> "UNSUPPORTED_CRITICAL_PAYLOAD";
            case NotifyType.UNEXPECTED_NAT_DETECTED -> "UNEXPECTED_NAT_DETECTED";
            default -> "notify " + notifyType;
        };
    }
}
