package io.torii.ike.sa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.ike.message.PayloadType;
import io.torii.ike.message.payload.IdentificationPayload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Identities read as strongSwan reads swanctl.conf ids, and matched as it matches them. */
class IkeIdentityTest
{
    @Test
    void textBecomesTheIdTypeStrongSwanWouldSend()
    {
        assertThat(IkeIdentity.parse("192.0.2.1").idType()).isEqualTo(IdentificationPayload.ID_IPV4_ADDR);
        assertThat(IkeIdentity.parse("192.0.2.1").data()).containsExactly(192, 0, 2, 1);
        assertThat(IkeIdentity.parse("2001:db8::1").idType()).isEqualTo(IdentificationPayload.ID_IPV6_ADDR);
        assertThat(IkeIdentity.parse("2001:db8::1").data()).hasSize(16);
        assertThat(IkeIdentity.parse("moon.example").idType()).isEqualTo(IdentificationPayload.ID_FQDN);
        assertThat(IkeIdentity.parse("@moon.example").data())
            .isEqualTo("moon.example".getBytes(StandardCharsets.US_ASCII));
        assertThat(IkeIdentity.parse("carol@example.org").idType()).isEqualTo(IdentificationPayload.ID_RFC822_ADDR);
        assertThat(IkeIdentity.parse("@#0a0b").idType()).isEqualTo(IdentificationPayload.ID_KEY_ID);
        assertThat(IkeIdentity.parse("@#0a0b").data()).containsExactly(10, 11);
        assertThat(IkeIdentity.parse("%any").isAny()).isTrue();
        assertThat(IkeIdentity.parse("").isAny()).isTrue();
        assertThat(IkeIdentity.parse("300.1.1.1").idType()).as("not an address").isEqualTo(
            IdentificationPayload.ID_FQDN);
    }

    @Test
    void matchingIsExactExceptForTheWildcardAndTheCaseOfNames()
    {
        final IkeIdentity moon = IkeIdentity.parse("moon.example");
        assertThat(moon.matches(IkeIdentity.parse("MOON.example"))).isTrue();
        assertThat(moon.matches(IkeIdentity.parse("sun.example"))).isFalse();
        assertThat(moon.matches(IkeIdentity.parse("moon.example@x"))).isFalse();
        assertThat(IkeIdentity.ANY_IDENTITY.matches(IkeIdentity.parse("192.0.2.9"))).isTrue();
        assertThat(IkeIdentity.parse("192.0.2.1").matches(IkeIdentity.parse("192.0.2.2"))).isFalse();
    }

    @Test
    void payloadsRoundTripAndTheWildcardIsNeverSent()
    {
        final IdentificationPayload payload = IkeIdentity.parse("carol@example.org").toPayload(PayloadType.IDI);
        assertThat(IkeIdentity.of(payload)).isEqualTo(IkeIdentity.parse("carol@example.org"));
        assertThat(IkeIdentity.of(payload).toString()).isEqualTo("carol@example.org");
        assertThatThrownBy(() -> IkeIdentity.ANY_IDENTITY.toPayload(PayloadType.IDI))
            .isInstanceOf(IllegalStateException.class);
    }
}
