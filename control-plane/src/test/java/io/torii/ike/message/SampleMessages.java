package io.torii.ike.message;

import io.torii.ike.message.payload.AuthenticationPayload;
import io.torii.ike.message.payload.CertificatePayload;
import io.torii.ike.message.payload.CertificateRequestPayload;
import io.torii.ike.message.payload.ConfigurationAttribute;
import io.torii.ike.message.payload.ConfigurationPayload;
import io.torii.ike.message.payload.DeletePayload;
import io.torii.ike.message.payload.EapPayload;
import io.torii.ike.message.payload.IdentificationPayload;
import io.torii.ike.message.payload.KeyExchangePayload;
import io.torii.ike.message.payload.NoncePayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.Payload;
import io.torii.ike.message.payload.SecurityAssociationPayload;
import io.torii.ike.message.payload.TrafficSelector;
import io.torii.ike.message.payload.TrafficSelectorPayload;
import io.torii.ike.message.payload.UnknownPayload;
import io.torii.ike.message.payload.VendorIdPayload;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Payloads and messages the codec tests share: one valid sample of every payload class, and a few
 * whole exchanges' messages.
 */
public final class SampleMessages
{
    public static final long SPI_I = 0x0102030405060708L;
    public static final long SPI_R = 0x1112131415161718L;

    private SampleMessages()
    {
    }

    /** @return bytes 0, 1, 2... of the given length, offset by {@code seed}. */
    public static byte[] filled(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + i);
        }
        return bytes;
    }

    /** @return an IKE proposal AES-CBC-256/SHA2-256/PRF-SHA2-256/ECP-256 and one AES-GCM-16-128/X25519. */
    public static SecurityAssociationPayload ikeProposals()
    {
        return new SecurityAssociationPayload(List.of(
            new Proposal(1, Proposal.IKE, new byte[0], List.of(
                new Transform(TransformType.ENCRYPTION, 12, 256),
                Transform.of(TransformType.INTEGRITY, 12),
                Transform.of(TransformType.PRF, 5),
                Transform.of(TransformType.KEY_EXCHANGE, 19))),
            new Proposal(2, Proposal.IKE, new byte[0], List.of(
                new Transform(TransformType.ENCRYPTION, 20, 128),
                Transform.of(TransformType.PRF, 5),
                Transform.of(TransformType.KEY_EXCHANGE, 31)))));
    }

    /** @return an ESP proposal with a 4-byte SPI. */
    public static SecurityAssociationPayload espProposal()
    {
        return new SecurityAssociationPayload(List.of(new Proposal(1, Proposal.ESP, new byte[] {1, 2, 3, 4}, List.of(
            new Transform(TransformType.ENCRYPTION, 20, 256),
            Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, 0)))));
    }

    /** @return TSi for 10.0.0.0/24, any protocol and port. */
    public static TrafficSelectorPayload tsi()
    {
        return new TrafficSelectorPayload(PayloadType.TSI, List.of(new TrafficSelector(
            TrafficSelector.TS_IPV4_ADDR_RANGE, 0, 0, 65535, new byte[] {10, 0, 0, 0},
            new byte[] {10, 0, 0, (byte)255})));
    }

    /** @return TSr for TCP port 443 of 2001:db8::/112 and UDP 53 of 192.0.2.1. */
    public static TrafficSelectorPayload tsr()
    {
        final byte[] start = new byte[16];
        start[0] = 0x20;
        start[1] = 0x01;
        start[2] = 0x0d;
        start[3] = (byte)0xb8;
        final byte[] end = start.clone();
        end[14] = (byte)0xff;
        end[15] = (byte)0xff;
        return new TrafficSelectorPayload(PayloadType.TSR, List.of(
            new TrafficSelector(TrafficSelector.TS_IPV6_ADDR_RANGE, 6, 443, 443, start, end),
            new TrafficSelector(TrafficSelector.TS_IPV4_ADDR_RANGE, 17, 53, 53,
                new byte[] {(byte)192, 0, 2, 1}, new byte[] {(byte)192, 0, 2, 1})));
    }

    /** @return one valid sample of every payload class, and the two of IDi/IDr and TSi/TSr. */
    public static List<Payload> everyPayload()
    {
        return List.of(
            ikeProposals(),
            espProposal(),
            new KeyExchangePayload(19, filled(64, 7)),
            new IdentificationPayload(PayloadType.IDI, IdentificationPayload.ID_FQDN,
                "gw.example.org".getBytes(StandardCharsets.US_ASCII)),
            new IdentificationPayload(PayloadType.IDR, IdentificationPayload.ID_IPV4_ADDR,
                new byte[] {(byte)192, 0, 2, 9}),
            new CertificatePayload(CertificatePayload.X509_SIGNATURE, filled(40, 3)),
            new CertificateRequestPayload(CertificatePayload.X509_SIGNATURE, filled(20, 9)),
            new AuthenticationPayload(AuthenticationPayload.METHOD_SHARED_KEY, filled(32, 1)),
            new NoncePayload(filled(32, 99)),
            NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, filled(20, 5)),
            new NotifyPayload(Proposal.ESP, NotifyType.REKEY_SA, new byte[] {9, 8, 7, 6}, new byte[0]),
            new DeletePayload(Proposal.ESP, List.of(0x11223344, 0xCAFEF00D)),
            new DeletePayload(Proposal.IKE, List.of()),
            new VendorIdPayload("torii".getBytes(StandardCharsets.US_ASCII)),
            tsi(),
            tsr(),
            new ConfigurationPayload(ConfigurationPayload.CFG_REQUEST, List.of(
                new ConfigurationAttribute(ConfigurationAttribute.INTERNAL_IP4_ADDRESS, new byte[0]),
                new ConfigurationAttribute(ConfigurationAttribute.INTERNAL_IP4_DNS, new byte[] {10, 0, 0, 53}))),
            new EapPayload(new byte[] {EapPayload.CODE_RESPONSE, 7, 0, 10, 1, 'a', 'l', 'i', 'c', 'e'}),
            new UnknownPayload(200, false, filled(6, 0)));
    }

    /** @return an IKE_SA_INIT request with SA, KE, Ni and two NAT detection notifies. */
    public static IkeMessage ikeSaInitRequest()
    {
        return IkeMessage.plain(SPI_I, 0, ExchangeType.IKE_SA_INIT, true, false, 0, List.of(
            ikeProposals(),
            new KeyExchangePayload(19, filled(64, 7)),
            new NoncePayload(filled(32, 99)),
            NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, filled(20, 5)),
            NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, filled(20, 50))));
    }

    /** @return the IKE_SA_INIT response choosing the first proposal. */
    public static IkeMessage ikeSaInitResponse()
    {
        return IkeMessage.plain(SPI_I, SPI_R, ExchangeType.IKE_SA_INIT, false, true, 0, List.of(
            new SecurityAssociationPayload(List.of(ikeProposals().proposals().getFirst())),
            new KeyExchangePayload(19, filled(64, 70)),
            new NoncePayload(filled(32, 9)),
            NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0])));
    }

    /** @return an IKE_AUTH request with IDi, AUTH, SA, TSi, TSr and a notify, all inside SK. */
    public static IkeMessage ikeAuthRequest()
    {
        return IkeMessage.protectedBySk(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 1, List.of(
            new IdentificationPayload(PayloadType.IDI, IdentificationPayload.ID_FQDN,
                "client.example.org".getBytes(StandardCharsets.US_ASCII)),
            new AuthenticationPayload(AuthenticationPayload.METHOD_SHARED_KEY, filled(32, 1)),
            NotifyPayload.of(NotifyType.INITIAL_CONTACT, new byte[0]),
            espProposal(),
            tsi(),
            tsr()));
    }

    /** @return an INFORMATIONAL request deleting an ESP SA. */
    public static IkeMessage informationalDelete()
    {
        return IkeMessage.protectedBySk(SPI_I, SPI_R, ExchangeType.INFORMATIONAL, true, false, 2, List.of(
            new DeletePayload(Proposal.ESP, List.of(0x11223344))));
    }
}
