package io.torii.ike.message.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformType;
import java.util.HexFormat;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Bodies assembled by hand from the RFC 7296 diagrams, checked byte for byte against the encoder,
 * and decoded back.
 */
class PayloadLayoutTest
{
    private static byte[] hex(final String text)
    {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    private static byte[] encode(final Payload payload)
    {
        final byte[] bytes = new byte[payload.bodyLength()];
        payload.encodeBody(new UnsafeBuffer(bytes), 0);
        return bytes;
    }

    private static Payload decode(final int type, final byte[] body)
    {
        final PayloadResult result = PayloadDecoder.decode(type, false, new UnsafeBuffer(body), 0, body.length);
        assertThat(result.reason()).isEqualTo(MalformedReason.OK);
        return result.payload();
    }

    @Test
    void saWithKeyLengthAttributeMatchesSection3Diagrams()
    {
        final SecurityAssociationPayload sa = new SecurityAssociationPayload(List.of(
            new Proposal(1, Proposal.IKE, new byte[0], List.of(
                new Transform(TransformType.ENCRYPTION, 12, 128),
                Transform.of(TransformType.KEY_EXCHANGE, 14)))));
        // §3.3.1 proposal: last=0, reserved, length 28, num 1, protocol IKE, SPI size 0, 2 transforms.
        // §3.3.2 transform: more=3, reserved, length 12, type ENCR, reserved, id 12 (AES-CBC),
        // §3.3.5 attribute: AF=1 | type 14 = 0x800E, value 128 = 0x0080.
        // Last transform: last=0, length 8, type 4 (KE), id 14 (MODP-2048).
        final byte[] expected = hex("""
            00 00 001c 01 01 00 02
            03 00 000c 01 00 000c 800e 0080
            00 00 0008 04 00 000e""");

        assertThat(encode(sa)).isEqualTo(expected);
        assertThat(decode(PayloadType.SA, expected)).isEqualTo(sa);
    }

    @Test
    void ipv4TrafficSelectorMatchesSection3131()
    {
        final TrafficSelectorPayload ts = new TrafficSelectorPayload(PayloadType.TSI, List.of(new TrafficSelector(
            TrafficSelector.TS_IPV4_ADDR_RANGE, 17, 500, 4500, new byte[] {10, 1, 0, 0}, new byte[] {10, 1, 0, 9})));
        // Number of TSs 1, reserved; type 7, protocol UDP, selector length 16, ports 500 and 4500,
        // addresses 10.1.0.0 and 10.1.0.9.
        final byte[] expected = hex("01 000000 07 11 0010 01f4 1194 0a010000 0a010009");

        assertThat(encode(ts)).isEqualTo(expected);
        assertThat(decode(PayloadType.TSI, expected)).isEqualTo(ts);
    }

    @Test
    void notifyWithSpiMatchesSection310()
    {
        final NotifyPayload notify = new NotifyPayload(Proposal.ESP, NotifyType.REKEY_SA,
            new byte[] {(byte)0xde, (byte)0xad, (byte)0xbe, (byte)0xef}, new byte[0]);
        // Protocol ESP, SPI size 4, type 16393 = 0x4009, SPI.
        final byte[] expected = hex("03 04 4009 deadbeef");

        assertThat(encode(notify)).isEqualTo(expected);
        assertThat(decode(PayloadType.NOTIFY, expected)).isEqualTo(notify);
    }

    @Test
    void unknownTransformAttributeLeavesTheTransformOut()
    {
        // Two transforms; the first carries attribute type 99 (TV) that RFC 7296 does not define.
        final byte[] body = hex("""
            00 00 001c 01 01 00 02
            03 00 000c 01 00 000c 8063 0080
            00 00 0008 04 00 000e""");

        final SecurityAssociationPayload sa = (SecurityAssociationPayload)decode(PayloadType.SA, body);

        assertThat(sa.proposals().getFirst().transforms())
            .containsExactly(Transform.of(TransformType.KEY_EXCHANGE, 14));
    }
}
