package io.torii.ike.message;

import static io.torii.ike.message.PayloadRule.ANY;
import static io.torii.ike.message.PayloadRule.plain;
import static io.torii.ike.message.PayloadRule.sealed;

import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.Payload;
import io.torii.ike.message.payload.UnknownPayload;
import java.util.List;
import java.util.Map;

/**
 * Which payloads each exchange carries, as a table (RFC 7296 §1.2 to §1.5, §3): for every exchange
 * type and direction, the payload types allowed, how many of each, and whether they travel inside
 * SK. {@link #verify(IkeMessage)} checks a decoded message against it.
 * <p>
 * Two allowances the table cannot say by itself. An error response, or an IKE_SA_INIT response
 * asking for a COOKIE, carries notifies instead of the usual payloads (§1.2, §2.6, §2.21), so a
 * message with an error notify, or a COOKIE, is held to the maxima but not the minima. And in
 * IKE_AUTH every payload is optional in the table, because with EAP (§2.16) the later requests
 * carry only EAP or AUTH; the IKE_AUTH task checks what each round needs. Unknown non-critical
 * payloads are ignored (§2.5). A message in fragments (SKF) is checked once reassembled.
 */
public final class PayloadRules
{
    private static final List<PayloadRule> IKE_SA_INIT_REQUEST = List.of(
        plain(PayloadType.SA, 1, 1),
        plain(PayloadType.KE, 1, 1),
        plain(PayloadType.NONCE, 1, 1),
        plain(PayloadType.NOTIFY, 0, ANY),
        plain(PayloadType.VENDOR_ID, 0, ANY));

    private static final List<PayloadRule> IKE_SA_INIT_RESPONSE = List.of(
        plain(PayloadType.SA, 1, 1),
        plain(PayloadType.KE, 1, 1),
        plain(PayloadType.NONCE, 1, 1),
        plain(PayloadType.CERTREQ, 0, ANY),
        plain(PayloadType.NOTIFY, 0, ANY),
        plain(PayloadType.VENDOR_ID, 0, ANY));

    private static final List<PayloadRule> IKE_AUTH_REQUEST = List.of(
        sealed(PayloadType.IDI, 0, 1),
        sealed(PayloadType.CERT, 0, ANY),
        sealed(PayloadType.CERTREQ, 0, ANY),
        sealed(PayloadType.IDR, 0, 1),
        sealed(PayloadType.AUTH, 0, 1),
        sealed(PayloadType.CP, 0, 1),
        sealed(PayloadType.SA, 0, 1),
        sealed(PayloadType.TSI, 0, 1),
        sealed(PayloadType.TSR, 0, 1),
        sealed(PayloadType.EAP, 0, 1),
        sealed(PayloadType.NOTIFY, 0, ANY),
        sealed(PayloadType.VENDOR_ID, 0, ANY));

    private static final List<PayloadRule> IKE_AUTH_RESPONSE = List.of(
        sealed(PayloadType.IDR, 0, 1),
        sealed(PayloadType.CERT, 0, ANY),
        sealed(PayloadType.AUTH, 0, 1),
        sealed(PayloadType.CP, 0, 1),
        sealed(PayloadType.SA, 0, 1),
        sealed(PayloadType.TSI, 0, 1),
        sealed(PayloadType.TSR, 0, 1),
        sealed(PayloadType.EAP, 0, 1),
        sealed(PayloadType.NOTIFY, 0, ANY),
        sealed(PayloadType.VENDOR_ID, 0, ANY));

    // Rekeying the IKE SA has no TS; new Child SAs and their rekeys have both (§1.3).
    private static final List<PayloadRule> CREATE_CHILD_SA = List.of(
        sealed(PayloadType.SA, 1, 1),
        sealed(PayloadType.NONCE, 1, 1),
        sealed(PayloadType.KE, 0, 1),
        sealed(PayloadType.TSI, 0, 1),
        sealed(PayloadType.TSR, 0, 1),
        sealed(PayloadType.NOTIFY, 0, ANY),
        sealed(PayloadType.VENDOR_ID, 0, ANY));

    private static final List<PayloadRule> INFORMATIONAL = List.of(
        sealed(PayloadType.NOTIFY, 0, ANY),
        sealed(PayloadType.DELETE, 0, ANY),
        sealed(PayloadType.CP, 0, 1),
        sealed(PayloadType.VENDOR_ID, 0, ANY));

    /** Keyed by {@link #key(int, boolean)}. */
    private static final Map<Integer, List<PayloadRule>> TABLE = Map.of(
        key(ExchangeType.IKE_SA_INIT, false), IKE_SA_INIT_REQUEST,
        key(ExchangeType.IKE_SA_INIT, true), IKE_SA_INIT_RESPONSE,
        key(ExchangeType.IKE_AUTH, false), IKE_AUTH_REQUEST,
        key(ExchangeType.IKE_AUTH, true), IKE_AUTH_RESPONSE,
        key(ExchangeType.CREATE_CHILD_SA, false), CREATE_CHILD_SA,
        key(ExchangeType.CREATE_CHILD_SA, true), CREATE_CHILD_SA,
        key(ExchangeType.INFORMATIONAL, false), INFORMATIONAL,
        key(ExchangeType.INFORMATIONAL, true), INFORMATIONAL);

    private static final int MAX_PAYLOAD_TYPE = 255;

    private PayloadRules()
    {
    }

    /**
     * @param exchangeType an {@link ExchangeType} value.
     * @param response true for the response.
     * @return the rows for that exchange and direction, or an empty list for an unknown exchange.
     */
    public static List<PayloadRule> rulesFor(final int exchangeType, final boolean response)
    {
        return TABLE.getOrDefault(key(exchangeType, response), List.of());
    }

    /**
     * @param message a decoded message.
     * @return {@link Verdict#OK}, or the first rule the message breaks and the payload type concerned.
     */
    public static Verdict verify(final IkeMessage message)
    {
        final List<PayloadRule> rules = rulesFor(message.exchangeType(), message.response());
        if (rules.isEmpty())
        {
            return Verdict.of(MalformedReason.UNKNOWN_EXCHANGE_TYPE);
        }
        final boolean encryptedExchange = rules.getFirst().encrypted();
        if (message.fragment() != null)
        {
            return encryptedExchange ? Verdict.OK : new Verdict(MalformedReason.PAYLOAD_NOT_ALLOWED, PayloadType.SKF);
        }
        if (encryptedExchange != message.hasEncrypted())
        {
            final MalformedReason reason =
                encryptedExchange ? MalformedReason.NOT_ENCRYPTED : MalformedReason.UNEXPECTED_ENCRYPTION;
            return new Verdict(reason, PayloadType.SK);
        }
        final int[] counts = new int[MAX_PAYLOAD_TYPE + 1];
        final Verdict clear = count(message.payloads(), false, rules, counts);
        if (!clear.isOk())
        {
            return clear;
        }
        if (message.hasEncrypted())
        {
            final Verdict inside = count(message.encrypted(), true, rules, counts);
            if (!inside.isOk())
            {
                return inside;
            }
        }
        final boolean minimaApply = !carriesErrorOrCookie(message);
        for (final PayloadRule rule : rules)
        {
            final int count = counts[rule.payloadType()];
            if (count > rule.max())
            {
                return new Verdict(MalformedReason.TOO_MANY_PAYLOADS, rule.payloadType());
            }
            if (minimaApply && count < rule.min())
            {
                return new Verdict(MalformedReason.MISSING_PAYLOAD, rule.payloadType());
            }
        }
        return Verdict.OK;
    }

    private static Verdict count(
        final List<Payload> payloads, final boolean insideSk, final List<PayloadRule> rules, final int[] counts)
    {
        for (final Payload payload : payloads)
        {
            if (payload instanceof UnknownPayload)
            {
                continue;
            }
            final PayloadRule rule = find(rules, payload.type());
            if (rule == null)
            {
                return new Verdict(MalformedReason.PAYLOAD_NOT_ALLOWED, payload.type());
            }
            if (rule.encrypted() != insideSk)
            {
                return new Verdict(insideSk ? MalformedReason.UNEXPECTED_ENCRYPTION : MalformedReason.NOT_ENCRYPTED,
                    payload.type());
            }
            counts[payload.type()]++;
        }
        return Verdict.OK;
    }

    private static PayloadRule find(final List<PayloadRule> rules, final int type)
    {
        for (final PayloadRule rule : rules)
        {
            if (rule.payloadType() == type)
            {
                return rule;
            }
        }
        return null;
    }

    private static boolean carriesErrorOrCookie(final IkeMessage message)
    {
        for (final NotifyPayload notify : message.payloadsOf(NotifyPayload.class))
        {
            if (notify.isError() || notify.notifyType() == NotifyType.COOKIE)
            {
                return true;
            }
        }
        return false;
    }

    private static int key(final int exchangeType, final boolean response)
    {
        return exchangeType << 1 | (response ? 1 : 0);
    }
}
