package io.torii.ike.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.payload.DeletePayload;
import io.torii.ike.message.payload.EapPayload;
import io.torii.ike.message.payload.NoncePayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.Payload;
import io.torii.ike.message.payload.UnknownPayload;
import io.torii.ike.proposal.Proposal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadRulesTest
{
    private static IkeMessage initRequestWith(final List<Payload> payloads)
    {
        return IkeMessage.plain(1, 0, ExchangeType.IKE_SA_INIT, true, false, 0, payloads);
    }

    private static List<Payload> initRequestPayloadsWithout(final int type)
    {
        final List<Payload> payloads = new ArrayList<>(SampleMessages.ikeSaInitRequest().payloads());
        payloads.removeIf(payload -> payload.type() == type);
        return payloads;
    }

    private static List<Payload> initRequestPayloadsPlus(final Payload extra)
    {
        final List<Payload> payloads = new ArrayList<>(SampleMessages.ikeSaInitRequest().payloads());
        payloads.add(extra);
        return payloads;
    }

    static Stream<Arguments> valid()
    {
        return Stream.of(
            Arguments.argumentSet("IKE_SA_INIT request", SampleMessages.ikeSaInitRequest()),
            Arguments.argumentSet("IKE_SA_INIT response", SampleMessages.ikeSaInitResponse()),
            Arguments.argumentSet("IKE_SA_INIT response asking for a cookie", IkeMessage.plain(1, 0,
                ExchangeType.IKE_SA_INIT, false, true, 0, List.of(NotifyPayload.of(NotifyType.COOKIE, new byte[16])))),
            Arguments.argumentSet("IKE_SA_INIT response refusing the KE group", IkeMessage.plain(1, 0,
                ExchangeType.IKE_SA_INIT, false, true, 0,
                List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {0, 19})))),
            Arguments.argumentSet("IKE_AUTH request", SampleMessages.ikeAuthRequest()),
            Arguments.argumentSet("IKE_AUTH request carrying only EAP", IkeMessage.protectedBySk(1, 2,
                ExchangeType.IKE_AUTH, true, false, 2, List.of(new EapPayload(new byte[] {2, 1, 0, 5, 1})))),
            Arguments.argumentSet("INFORMATIONAL delete", SampleMessages.informationalDelete()),
            Arguments.argumentSet("INFORMATIONAL liveness check", IkeMessage.protectedBySk(1, 2,
                ExchangeType.INFORMATIONAL, true, false, 3, List.of())),
            Arguments.argumentSet("unknown non-critical payloads are ignored",
                initRequestWith(initRequestPayloadsPlus(new UnknownPayload(199, false, new byte[2])))));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsWhatTheRfcAllows(final IkeMessage message)
    {
        assertThat(PayloadRules.verify(message)).isEqualTo(Verdict.OK);
    }

    static Stream<Arguments> invalid()
    {
        final List<Payload> authPayloads = SampleMessages.ikeAuthRequest().encrypted();
        return Stream.of(
            Arguments.argumentSet("IKE_SA_INIT request without KE",
                initRequestWith(initRequestPayloadsWithout(PayloadType.KE)),
                new Verdict(MalformedReason.MISSING_PAYLOAD, PayloadType.KE)),
            Arguments.argumentSet("IKE_SA_INIT request with two nonces",
                initRequestWith(initRequestPayloadsPlus(new NoncePayload(new byte[16]))),
                new Verdict(MalformedReason.TOO_MANY_PAYLOADS, PayloadType.NONCE)),
            Arguments.argumentSet("IKE_SA_INIT request with a Delete",
                initRequestWith(initRequestPayloadsPlus(new DeletePayload(Proposal.IKE, List.of()))),
                new Verdict(MalformedReason.PAYLOAD_NOT_ALLOWED, PayloadType.DELETE)),
            Arguments.argumentSet("IKE_SA_INIT request with SK", new IkeMessage(1, 0, ExchangeType.IKE_SA_INIT, true,
                false, 0, SampleMessages.ikeSaInitRequest().payloads(), List.of(), null),
                new Verdict(MalformedReason.UNEXPECTED_ENCRYPTION, PayloadType.SK)),
            Arguments.argumentSet("IKE_AUTH request in the clear", IkeMessage.plain(1, 2, ExchangeType.IKE_AUTH, true,
                false, 1, authPayloads), new Verdict(MalformedReason.NOT_ENCRYPTED, PayloadType.SK)),
            Arguments.argumentSet("IKE_AUTH request with a notify outside SK", new IkeMessage(1, 2,
                ExchangeType.IKE_AUTH, true, false, 1, List.of(NotifyPayload.of(NotifyType.INITIAL_CONTACT,
                new byte[0])), authPayloads, null), new Verdict(MalformedReason.NOT_ENCRYPTED, PayloadType.NOTIFY)),
            Arguments.argumentSet("IKE_AUTH request with a KE", IkeMessage.protectedBySk(1, 2, ExchangeType.IKE_AUTH,
                true, false, 1, List.of(SampleMessages.ikeSaInitRequest().payloads().get(1))),
                new Verdict(MalformedReason.PAYLOAD_NOT_ALLOWED, PayloadType.KE)),
            Arguments.argumentSet("IKE_AUTH response with IDi", new IkeMessage(1, 2, ExchangeType.IKE_AUTH, false,
                true, 1, List.of(), authPayloads, null),
                new Verdict(MalformedReason.PAYLOAD_NOT_ALLOWED, PayloadType.IDI)),
            Arguments.argumentSet("CREATE_CHILD_SA request without a nonce", IkeMessage.protectedBySk(1, 2,
                ExchangeType.CREATE_CHILD_SA, true, false, 4, List.of(SampleMessages.espProposal())),
                new Verdict(MalformedReason.MISSING_PAYLOAD, PayloadType.NONCE)),
            Arguments.argumentSet("unknown exchange", IkeMessage.plain(1, 2, 99, true, false, 0, List.of()),
                new Verdict(MalformedReason.UNKNOWN_EXCHANGE_TYPE, PayloadType.NONE)));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWhatItDoesNot(final IkeMessage message, final Verdict expected)
    {
        assertThat(PayloadRules.verify(message)).isEqualTo(expected);
    }

    @Test
    void everyTableRowKeepsItsDirectionAndBounds()
    {
        for (final int exchange : new int[] {ExchangeType.IKE_SA_INIT, ExchangeType.IKE_AUTH,
            ExchangeType.CREATE_CHILD_SA, ExchangeType.INFORMATIONAL})
        {
            for (final boolean response : new boolean[] {false, true})
            {
                final List<PayloadRule> rules = PayloadRules.rulesFor(exchange, response);
                assertThat(rules).isNotEmpty();
                assertThat(rules).allSatisfy(rule ->
                {
                    assertThat(rule.min()).isBetween(0, rule.max());
                    assertThat(rule.encrypted()).isEqualTo(exchange != ExchangeType.IKE_SA_INIT);
                });
            }
        }
    }
}
