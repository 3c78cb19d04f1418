package io.torii.ike.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.payload.Payload;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class IkeMessageCodecTest
{
    private static IkeMessage decoded(final byte[] bytes, final SkCipher cipher)
    {
        final DecodeResult result = IkeMessageDecoder.decode(bytes, 0, bytes.length, cipher);
        assertThat(result.verdict()).isEqualTo(Verdict.OK);
        return result.message();
    }

    @Test
    void plainMessagesRoundTrip()
    {
        for (final IkeMessage message : List.of(SampleMessages.ikeSaInitRequest(), SampleMessages.ikeSaInitResponse()))
        {
            assertThat(decoded(IkeMessageEncoder.encode(message, null), null)).isEqualTo(message);
        }
    }

    @Test
    void everyPayloadRoundTripsInsideAndOutsideSk()
    {
        final List<Payload> every = SampleMessages.everyPayload();
        final IkeMessage message = new IkeMessage(SampleMessages.SPI_I, SampleMessages.SPI_R,
            ExchangeType.INFORMATIONAL, true, false, 7, every, every, null);

        final byte[] bytes = IkeMessageEncoder.encode(message, new XorChecksumCipher(16, 16, (byte)0x5A));

        assertThat(decoded(bytes, new XorChecksumCipher(16, 16, (byte)0x5A))).isEqualTo(message);
    }

    @Test
    void skLayoutPutsIvAfterTheGenericHeaderPadsToTheBlockAndIcvLast()
    {
        final XorChecksumCipher cipher = new XorChecksumCipher(8, 16, (byte)0x33);
        final IkeMessage message = SampleMessages.ikeAuthRequest();
        final int innerLength = IkeMessageEncoder.chainLength(message.encrypted());

        final byte[] bytes = IkeMessageEncoder.encode(message, cipher);

        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int skOffset = IkeHeaderFlyweight.LENGTH;
        assertThat(bytes[IkeHeaderFlyweight.NEXT_PAYLOAD_OFFSET]).isEqualTo((byte)PayloadType.SK);
        assertThat(bytes[skOffset] & 0xFF).as("SK next payload: first inner").isEqualTo(PayloadType.IDI);
        assertThat(buffer.getShort(skOffset + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF).isEqualTo(bytes.length - skOffset);
        assertThat(cipher.lastIvOffset).as("IV right after SK's generic header").isEqualTo(skOffset + 4);
        assertThat(cipher.lastIcvOffset).as("ICV last").isEqualTo(bytes.length - cipher.icvLength());
        final int plaintextAndPadLength = cipher.lastIcvOffset - cipher.lastIvOffset - cipher.ivLength();
        assertThat(plaintextAndPadLength % 16).isZero();
        final int padLength = IkeMessageEncoder.padLength(innerLength, 16);
        assertThat(plaintextAndPadLength).isEqualTo(innerLength + padLength + 1);
        assertThat(buffer.getInt(IkeHeaderFlyweight.LENGTH_OFFSET, ByteOrder.BIG_ENDIAN)).isEqualTo(bytes.length);

        // Open a copy by hand: the plaintext is the inner chain, then zero padding, then Pad Length.
        final byte[] opened = bytes.clone();
        assertThat(new XorChecksumCipher(8, 16, (byte)0x33).open(opened, skOffset + 4, cipher.lastIcvOffset)).isTrue();
        assertThat(opened[cipher.lastIcvOffset - 1]).isEqualTo((byte)padLength);
        assertThat(decoded(bytes, new XorChecksumCipher(8, 16, (byte)0x33))).isEqualTo(message);
    }

    @Test
    void aeadStyleBlockSizeOfOneNeedsNoPadding()
    {
        final XorChecksumCipher cipher = new XorChecksumCipher(8, 1, (byte)0x44);
        final IkeMessage message = SampleMessages.informationalDelete();

        final byte[] bytes = IkeMessageEncoder.encode(message, cipher);

        final int innerLength = IkeMessageEncoder.chainLength(message.encrypted());
        assertThat(cipher.lastIcvOffset - cipher.lastIvOffset - 8).isEqualTo(innerLength + 1);
        assertThat(decoded(bytes, new XorChecksumCipher(8, 1, (byte)0x44))).isEqualTo(message);
    }

    @Test
    void emptySkIsALivenessCheck()
    {
        final IkeMessage message = IkeMessage.protectedBySk(SampleMessages.SPI_I, SampleMessages.SPI_R,
            ExchangeType.INFORMATIONAL, false, true, 9, List.of());

        final IkeMessage back = decoded(IkeMessageEncoder.encode(message, new XorChecksumCipher(16, 16, (byte)1)),
            new XorChecksumCipher(16, 16, (byte)1));

        assertThat(back.hasEncrypted()).isTrue();
        assertThat(back.encrypted()).isEmpty();
        assertThat(back).isEqualTo(message);
    }

    @Test
    void wrongKeyFailsIntegrityAndLeavesTheCallersBytesAlone()
    {
        final byte[] bytes = IkeMessageEncoder.encode(SampleMessages.ikeAuthRequest(), new XorChecksumCipher(8, 16,
            (byte)1));
        bytes[bytes.length - 1] ^= 1;
        final byte[] before = bytes.clone();

        final DecodeResult result = IkeMessageDecoder.decode(bytes, 0, bytes.length, new XorChecksumCipher(8, 16,
            (byte)1));

        assertThat(result.verdict()).isEqualTo(new Verdict(MalformedReason.INTEGRITY_FAILED, PayloadType.SK));
        assertThat(bytes).isEqualTo(before);
    }

    @Test
    void decodesAMessageInTheMiddleOfALargerBuffer()
    {
        final byte[] message = IkeMessageEncoder.encode(SampleMessages.ikeSaInitRequest(), null);
        final byte[] datagram = new byte[message.length + 10];
        System.arraycopy(message, 0, datagram, 4, message.length);

        final DecodeResult result = IkeMessageDecoder.decode(datagram, 4, message.length, null);

        assertThat(result.message()).isEqualTo(SampleMessages.ikeSaInitRequest());
    }

    @Test
    void fragmentsReassembleIntoTheMessage()
    {
        final IkeMessage message = SampleMessages.ikeAuthRequest();
        final List<byte[]> fragments = IkeMessageEncoder.encodeFragments(message, new XorChecksumCipher(8, 16,
            (byte)9), 50);
        assertThat(fragments.size()).isGreaterThan(2);

        final ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int firstInnerType = -1;
        for (int i = 0; i < fragments.size(); i++)
        {
            final IkeMessage fragment = decoded(fragments.get(i), new XorChecksumCipher(8, 16, (byte)9));
            assertThat(fragment.fragment().number()).isEqualTo(i + 1);
            assertThat(fragment.fragment().total()).isEqualTo(fragments.size());
            assertThat(fragment.fragment().content().length).isLessThanOrEqualTo(50);
            assertThat(PayloadRules.verify(fragment)).isEqualTo(Verdict.OK);
            if (i == 0)
            {
                firstInnerType = fragment.fragment().firstInnerType();
            }
            else
            {
                assertThat(fragment.fragment().firstInnerType()).isEqualTo(PayloadType.NONE);
            }
            joined.writeBytes(fragment.fragment().content());
        }

        final DecodeResult whole = IkeMessageDecoder.decodeReassembled(
            decoded(fragments.getFirst(), new XorChecksumCipher(8, 16, (byte)9)), firstInnerType, joined.toByteArray());

        assertThat(whole.message()).isEqualTo(message);
    }
}
