package io.torii.ike.message.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformType;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code verify()} refuses in payloads built in code, before they are sent: the same checks
 * the decoder applies to received ones.
 */
class PayloadVerifyTest
{
    private static final List<Transform> AES = List.of(new Transform(TransformType.ENCRYPTION, 12, 128));

    static Stream<Arguments> unfit()
    {
        return Stream.of(
            Arguments.argumentSet("SA without proposals", new SecurityAssociationPayload(List.of()),
                MalformedReason.NO_PROPOSALS),
            Arguments.argumentSet("proposals numbered 1, 3", new SecurityAssociationPayload(List.of(
                new Proposal(1, Proposal.IKE, new byte[0], AES), new Proposal(3, Proposal.IKE, new byte[0], AES))),
                MalformedReason.BAD_PROPOSAL_NUMBER),
            Arguments.argumentSet("proposal without transforms", new SecurityAssociationPayload(List.of(
                new Proposal(1, Proposal.ESP, new byte[4], List.of()))), MalformedReason.NO_PROPOSALS),
            Arguments.argumentSet("IKE proposal with a 4-byte SPI", new SecurityAssociationPayload(List.of(
                new Proposal(1, Proposal.IKE, new byte[4], AES))), MalformedReason.BAD_SPI_SIZE),
            Arguments.argumentSet("ESP proposal without SPI", new SecurityAssociationPayload(List.of(
                new Proposal(1, Proposal.ESP, new byte[0], AES))), MalformedReason.BAD_SPI_SIZE),
            Arguments.argumentSet("nonce of 15 bytes", new NoncePayload(new byte[15]),
                MalformedReason.BAD_NONCE_LENGTH),
            Arguments.argumentSet("IPv6 ID of 4 bytes", new IdentificationPayload(PayloadType.IDR,
                IdentificationPayload.ID_IPV6_ADDR, new byte[4]), MalformedReason.BAD_IDENTIFICATION),
            Arguments.argumentSet("empty FQDN", new IdentificationPayload(PayloadType.IDI,
                IdentificationPayload.ID_FQDN, new byte[0]), MalformedReason.BAD_IDENTIFICATION),
            Arguments.argumentSet("notify type 0", NotifyPayload.of(0, new byte[0]), MalformedReason.BAD_NOTIFY),
            Arguments.argumentSet("ESP notify with 8-byte SPI", new NotifyPayload(Proposal.ESP, NotifyType.REKEY_SA,
                new byte[8], new byte[0]), MalformedReason.BAD_NOTIFY),
            Arguments.argumentSet("IKE delete with SPIs", new DeletePayload(Proposal.IKE, List.of(1)),
                MalformedReason.BAD_DELETE),
            Arguments.argumentSet("ESP delete without SPIs", new DeletePayload(Proposal.ESP, List.of()),
                MalformedReason.BAD_DELETE),
            Arguments.argumentSet("TS without selectors", new TrafficSelectorPayload(PayloadType.TSI, List.of()),
                MalformedReason.BAD_TRAFFIC_SELECTOR),
            Arguments.argumentSet("TS with mixed address lengths", new TrafficSelectorPayload(PayloadType.TSI,
                List.of(new TrafficSelector(TrafficSelector.TS_IPV4_ADDR_RANGE, 0, 0, 65535, new byte[4],
                new byte[16]))), MalformedReason.BAD_TRAFFIC_SELECTOR),
            Arguments.argumentSet("CP of type 5", new ConfigurationPayload(5, List.of()),
                MalformedReason.BAD_CONFIGURATION),
            Arguments.argumentSet("CP IPv4 address of 3 bytes", new ConfigurationPayload(ConfigurationPayload.CFG_REPLY,
                List.of(new ConfigurationAttribute(ConfigurationAttribute.INTERNAL_IP4_ADDRESS, new byte[3]))),
                MalformedReason.BAD_CONFIGURATION),
            Arguments.argumentSet("EAP success with data", new EapPayload(HexFormat.of().parseHex("0301000500")),
                MalformedReason.BAD_EAP),
            Arguments.argumentSet("EAP request without type", new EapPayload(HexFormat.of().parseHex("01010004")),
                MalformedReason.BAD_EAP),
            Arguments.argumentSet("unknown critical", new UnknownPayload(77, true, new byte[0]),
                MalformedReason.UNSUPPORTED_CRITICAL_PAYLOAD));
    }

    @ParameterizedTest
    @MethodSource("unfit")
    void refuses(final Payload payload, final MalformedReason expected)
    {
        assertThat(payload.verify()).isEqualTo(expected);
    }

    @Test
    void opaquePortsAndALoneResponderProposalPass()
    {
        assertThat(new TrafficSelectorPayload(PayloadType.TSR, List.of(new TrafficSelector(
            TrafficSelector.TS_IPV4_ADDR_RANGE, 6, 65535, 0, new byte[4], new byte[4]))).verify())
            .isEqualTo(MalformedReason.OK);
        assertThat(new SecurityAssociationPayload(List.of(new Proposal(3, Proposal.IKE, new byte[0], AES))).verify())
            .isEqualTo(MalformedReason.OK);
    }

    @Test
    void identificationBodyIsWhatAuthSigns()
    {
        final IdentificationPayload id = new IdentificationPayload(PayloadType.IDI,
            IdentificationPayload.ID_IPV4_ADDR, new byte[] {(byte)192, 0, 2, 1});

        // RFC 7296 §2.15: ID Type, three reserved bytes, then the data.
        assertThat(id.encodedBody()).isEqualTo(HexFormat.of().parseHex("01000000c0000201"));
    }
}
