package io.torii.ike.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class IkeHeaderFlyweightTest
{
    // RFC 7296 §3.1: SPIi, SPIr, next payload SA (33), version 2.0 (0x20), IKE_SA_INIT (34),
    // flags I (0x08), message ID 0, length 28.
    private static final byte[] HEADER = HexFormat.of().parseHex(
        "0102030405060708" + "1112131415161718" + "21" + "20" + "22" + "08" + "00000000" + "0000001c");

    @Test
    void readsTheFieldsOfAHandAssembledHeader()
    {
        final IkeHeaderFlyweight header = new IkeHeaderFlyweight().wrap(new UnsafeBuffer(HEADER), 0);

        assertThat(header.initiatorSpi()).isEqualTo(SampleMessages.SPI_I);
        assertThat(header.responderSpi()).isEqualTo(SampleMessages.SPI_R);
        assertThat(header.nextPayload()).isEqualTo(PayloadType.SA);
        assertThat(header.majorVersion()).isEqualTo(2);
        assertThat(header.minorVersion()).isZero();
        assertThat(header.exchangeType()).isEqualTo(ExchangeType.IKE_SA_INIT);
        assertThat(header.isInitiator()).isTrue();
        assertThat(header.isResponse()).isFalse();
        assertThat(header.messageId()).isZero();
        assertThat(header.length()).isEqualTo(28);
    }

    @Test
    void writesTheSameBytes()
    {
        final byte[] written = new byte[IkeHeaderFlyweight.LENGTH];
        new IkeHeaderFlyweight().wrap(new UnsafeBuffer(written), 0)
            .initiatorSpi(SampleMessages.SPI_I)
            .responderSpi(SampleMessages.SPI_R)
            .nextPayload(PayloadType.SA)
            .version(2, 0)
            .exchangeType(ExchangeType.IKE_SA_INIT)
            .flags(IkeHeaderFlyweight.FLAG_INITIATOR)
            .messageId(0)
            .length(28);

        assertThat(written).isEqualTo(HEADER);
    }

    @Test
    void encoderWritesTheHeaderAsTheRfcDraws()
    {
        final byte[] message = IkeMessageEncoder.encode(IkeMessage.plain(SampleMessages.SPI_I, SampleMessages.SPI_R,
            ExchangeType.INFORMATIONAL, false, true, 0x01020304, List.of()), null);

        assertThat(HexFormat.of().formatHex(message)).isEqualTo(
            "0102030405060708" + "1112131415161718" + "00" + "20" + "25" + "20" + "01020304" + "0000001c");
    }
}
