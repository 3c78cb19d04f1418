package io.torii.ike.message.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.SampleMessages;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadRoundTripTest
{
    static List<Payload> everyPayload()
    {
        return SampleMessages.everyPayload();
    }

    @ParameterizedTest
    @MethodSource("everyPayload")
    void everyPayloadDecodesToWhatWasEncoded(final Payload payload)
    {
        assertThat(payload.verify()).isEqualTo(MalformedReason.OK);
        // Start the body at an offset so decoders that ignore their offset argument fail.
        final int offset = 5;
        final byte[] bytes = new byte[offset + payload.bodyLength() + 3];
        payload.encodeBody(new UnsafeBuffer(bytes), offset);

        final PayloadResult result = PayloadDecoder.decode(
            payload.type(), payload.critical(), new UnsafeBuffer(bytes), offset, payload.bodyLength());

        assertThat(result.reason()).isEqualTo(MalformedReason.OK);
        assertThat(result.payload()).isEqualTo(payload).hasSameHashCodeAs(payload);
        assertThat(result.payload().type()).isEqualTo(payload.type());
    }
}
