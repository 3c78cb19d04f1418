package io.torii.ike.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.payload.UnknownPayload;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a message can be malformed that the decoder names, one row each: the bytes, the cipher
 * to decode with, and the verdict expected.
 */
class MalformedMessageTest
{
    private static final int FIRST_PAYLOAD = IkeHeaderFlyweight.LENGTH;

    private static SkCipher cipher()
    {
        return new XorChecksumCipher(8, 16, (byte)0x21);
    }

    private static byte[] initRequest()
    {
        return IkeMessageEncoder.encode(SampleMessages.ikeSaInitRequest(), null);
    }

    /** A plain INFORMATIONAL message whose one payload has the given type and raw body. */
    private static byte[] plainWith(final int type, final boolean critical, final String bodyHex)
    {
        return IkeMessageEncoder.encode(IkeMessage.plain(SampleMessages.SPI_I, SampleMessages.SPI_R,
            ExchangeType.INFORMATIONAL, true, false, 1,
            List.of(new UnknownPayload(type, critical, HexFormat.of().parseHex(bodyHex.replace(" ", ""))))), null);
    }

    private static byte[] plainWith(final int type, final String bodyHex)
    {
        return plainWith(type, false, bodyHex);
    }

    private static byte[] sealedWith(final int type, final boolean critical, final String bodyHex)
    {
        return IkeMessageEncoder.encode(IkeMessage.protectedBySk(SampleMessages.SPI_I, SampleMessages.SPI_R,
            ExchangeType.INFORMATIONAL, true, false, 1,
            List.of(new UnknownPayload(type, critical, HexFormat.of().parseHex(bodyHex)))), cipher());
    }

    private static byte[] withLength(final byte[] message, final int newLength)
    {
        final byte[] resized = Arrays.copyOf(message, newLength);
        new UnsafeBuffer(resized).putInt(IkeHeaderFlyweight.LENGTH_OFFSET, newLength, ByteOrder.BIG_ENDIAN);
        return resized;
    }

    private static byte[] patched(final byte[] message, final int at, final int... values)
    {
        final byte[] copy = message.clone();
        for (int i = 0; i < values.length; i++)
        {
            copy[at + i] = (byte)values[i];
        }
        return copy;
    }

    private static byte[] skThenNotify()
    {
        final byte[] sealed = IkeMessageEncoder.encode(SampleMessages.informationalDelete(), cipher());
        final byte[] longer = withLength(sealed, sealed.length + 8);
        // An 8-byte INITIAL_CONTACT notify after SK, its generic header saying "last".
        System.arraycopy(HexFormat.of().parseHex("000000080000" + "4000"), 0, longer, sealed.length, 8);
        return longer;
    }

    private static byte[] fragmentNumbered(final int number, final int total)
    {
        final byte[] fragment = IkeMessageEncoder.encodeFragments(SampleMessages.ikeAuthRequest(), cipher(), 400)
            .getFirst();
        return patched(fragment, FIRST_PAYLOAD + 4, number >> 8, number, total >> 8, total);
    }

    /** Opens correctly, then claims more padding than there is plaintext. */
    private static SkCipher overPaddingCipher()
    {
        final XorChecksumCipher inner = new XorChecksumCipher(8, 16, (byte)0x21);
        return new SkCipher()
        {
            @Override
            public int ivLength()
            {
                return inner.ivLength();
            }

            @Override
            public int icvLength()
            {
                return inner.icvLength();
            }

            @Override
            public int blockSize()
            {
                return inner.blockSize();
            }

            @Override
            public void seal(final byte[] message, final int ivOffset, final int icvOffset)
            {
                inner.seal(message, ivOffset, icvOffset);
            }

            @Override
            public boolean open(final byte[] message, final int ivOffset, final int icvOffset)
            {
                final boolean opened = inner.open(message, ivOffset, icvOffset);
                message[icvOffset - 1] = (byte)255;
                return opened;
            }
        };
    }

    private static Arguments row(
        final String name, final byte[] bytes, final SkCipher cipher, final MalformedReason reason, final int type)
    {
        return Arguments.argumentSet(name, bytes, cipher, new Verdict(reason, type));
    }

    static Stream<Arguments> malformed()
    {
        final byte[] init = initRequest();
        return Stream.of(
            row("empty", new byte[0], null, MalformedReason.TRUNCATED_HEADER, PayloadType.NONE),
            row("header cut short", Arrays.copyOf(init, 27), null, MalformedReason.TRUNCATED_HEADER, PayloadType.NONE),
            row("datagram shorter than the header's length", Arrays.copyOf(init, init.length - 1), null,
                MalformedReason.LENGTH_MISMATCH, PayloadType.NONE),
            row("datagram longer than the header's length", Arrays.copyOf(init, init.length + 1), null,
                MalformedReason.LENGTH_MISMATCH, PayloadType.NONE),
            row("trailing bytes after the last payload", withLength(init, init.length + 4), null,
                MalformedReason.LENGTH_MISMATCH, PayloadType.NONE),
            row("major version 3", patched(init, IkeHeaderFlyweight.VERSION_OFFSET, 0x30), null,
                MalformedReason.UNSUPPORTED_MAJOR_VERSION, PayloadType.NONE),
            row("payload length below the generic header", patched(init, FIRST_PAYLOAD + 2, 0, 3), null,
                MalformedReason.BAD_PAYLOAD_LENGTH, PayloadType.SA),
            row("payload length past the end", patched(init, FIRST_PAYLOAD + 2, 0xFF, 0xF0), null,
                MalformedReason.BAD_PAYLOAD_LENGTH, PayloadType.SA),
            row("last payload promises another", patched(plainWith(PayloadType.VENDOR_ID, "aa"), FIRST_PAYLOAD,
                PayloadType.NOTIFY), null, MalformedReason.TRUNCATED_PAYLOAD, PayloadType.NOTIFY),
            row("unknown critical payload", plainWith(190, true, "0102"), null,
                MalformedReason.UNSUPPORTED_CRITICAL_PAYLOAD, 190),
            row("nonce of 8 bytes", plainWith(PayloadType.NONCE, "0102030405060708"), null,
                MalformedReason.BAD_NONCE_LENGTH, PayloadType.NONCE),
            row("nonce of 257 bytes", plainWith(PayloadType.NONCE, "00".repeat(257)), null,
                MalformedReason.BAD_NONCE_LENGTH, PayloadType.NONCE),
            row("proposal marked not last at the end",
                plainWith(PayloadType.SA, "02 00 0010 01 01 00 01 00000008 01000001"),
                null, MalformedReason.BAD_SUBSTRUCTURE, PayloadType.SA),
            row("transform marked last before another", plainWith(PayloadType.SA,
                "00 00 0018 01 01 00 02 00000008 01000001 00000008 02000001"), null,
                MalformedReason.BAD_SUBSTRUCTURE, PayloadType.SA),
            row("proposal length past the payload",
                plainWith(PayloadType.SA, "00 00 0040 01 01 00 01 00000008 01000001"),
                null, MalformedReason.BAD_SUBSTRUCTURE, PayloadType.SA),
            row("more transforms than counted", plainWith(PayloadType.SA,
                "00 00 0018 01 01 00 01 03000008 01000001 00000008 02000001"), null,
                MalformedReason.BAD_SUBSTRUCTURE, PayloadType.SA),
            row("fewer transforms than counted", plainWith(PayloadType.SA, "00 00 0010 01 01 00 02 03000008 01000001"),
                null, MalformedReason.BAD_TRANSFORM_COUNT, PayloadType.SA),
            row("proposals numbered 1, 3", plainWith(PayloadType.SA,
                "02 00 0010 01 01 00 01 00000008 01000001 00 00 0010 03 01 00 01 00000008 01000001"), null,
                MalformedReason.BAD_PROPOSAL_NUMBER, PayloadType.SA),
            row("key length in TLV form", plainWith(PayloadType.SA,
                "00 00 0016 01 01 00 01 0000000e 0100000c 000e0002 0080"), null,
                MalformedReason.BAD_TRANSFORM, PayloadType.SA),
            row("ESP proposal with an 8-byte SPI", plainWith(PayloadType.SA,
                "00 00 0018 01 03 08 01 0102030405060708 00000008 01000014"), null,
                MalformedReason.BAD_SPI_SIZE, PayloadType.SA),
            row("empty SA", plainWith(PayloadType.SA, ""), null, MalformedReason.BAD_SUBSTRUCTURE, PayloadType.SA),
            row("KE without data", plainWith(PayloadType.KE, "00130000"), null,
                MalformedReason.BAD_KEY_EXCHANGE, PayloadType.KE),
            row("IPv4 ID of 3 bytes", plainWith(PayloadType.IDI, "01000000 0a0000"), null,
                MalformedReason.BAD_IDENTIFICATION, PayloadType.IDI),
            row("notify SPI size past the body", plainWith(PayloadType.NOTIFY, "03 04 4009 0102"), null,
                MalformedReason.BAD_NOTIFY, PayloadType.NOTIFY),
            row("delete of ESP with 8-byte SPIs", plainWith(PayloadType.DELETE, "03 08 0001 0102030405060708"), null,
                MalformedReason.BAD_DELETE, PayloadType.DELETE),
            row("TS address range backwards", plainWith(PayloadType.TSI,
                "01000000 07 00 0010 0000ffff 0a000009 0a000001"), null,
                MalformedReason.BAD_TRAFFIC_SELECTOR, PayloadType.TSI),
            row("TS port range backwards", plainWith(PayloadType.TSR,
                "01000000 07 06 0010 01bb 0050 0a000001 0a000001"), null,
                MalformedReason.BAD_TRAFFIC_SELECTOR, PayloadType.TSR),
            row("TS selector length wrong for its type", plainWith(PayloadType.TSI,
                "01000000 08 00 0010 0000ffff 0a000001 0a000001"), null,
                MalformedReason.BAD_TRAFFIC_SELECTOR, PayloadType.TSI),
            row("CP attribute past the payload", plainWith(PayloadType.CP, "01000000 0001 0008 0a000001"), null,
                MalformedReason.BAD_CONFIGURATION, PayloadType.CP),
            row("EAP length differs from the payload", plainWith(PayloadType.EAP, "02 07 0009 01 61 6c 69 63 65"),
                null, MalformedReason.BAD_EAP, PayloadType.EAP),
            row("SK not last", skThenNotify(), cipher(), MalformedReason.SK_NOT_LAST, PayloadType.SK),
            row("SK without a cipher", IkeMessageEncoder.encode(SampleMessages.informationalDelete(), cipher()), null,
                MalformedReason.UNEXPECTED_ENCRYPTED, PayloadType.SK),
            row("SK inside SK", sealedWith(PayloadType.SK, false, "00112233"), cipher(),
                MalformedReason.NESTED_ENCRYPTED, PayloadType.SK),
            row("unknown critical payload inside SK", sealedWith(222, true, "00"), cipher(),
                MalformedReason.UNSUPPORTED_CRITICAL_PAYLOAD, 222),
            row("ciphertext altered", patched(IkeMessageEncoder.encode(SampleMessages.informationalDelete(), cipher()),
                FIRST_PAYLOAD + 4 + 8, 0x77), cipher(), MalformedReason.INTEGRITY_FAILED, PayloadType.SK),
            row("header altered after sealing: the ICV covers it",
                patched(IkeMessageEncoder.encode(SampleMessages.informationalDelete(), cipher()),
                IkeHeaderFlyweight.MESSAGE_ID_OFFSET + 3, 0x55), cipher(), MalformedReason.INTEGRITY_FAILED,
                PayloadType.SK),
            row("ciphertext not a whole number of blocks",
                IkeMessageEncoder.encode(SampleMessages.informationalDelete(), cipher()),
                new XorChecksumCipher(8, 12, (byte)0x21), MalformedReason.BAD_ENCRYPTED_LENGTH, PayloadType.SK),
            row("pad length longer than the plaintext",
                IkeMessageEncoder.encode(SampleMessages.informationalDelete(), cipher()), overPaddingCipher(),
                MalformedReason.BAD_PADDING, PayloadType.SK),
            row("SKF fragment number 0", fragmentNumbered(0, 3), cipher(), MalformedReason.BAD_FRAGMENT_NUMBER,
                PayloadType.SKF),
            row("SKF fragment number above the total", fragmentNumbered(4, 3), cipher(),
                MalformedReason.BAD_FRAGMENT_NUMBER, PayloadType.SKF));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void isRefusedWithItsReason(final byte[] bytes, final SkCipher cipher, final Verdict expected)
    {
        final DecodeResult result = IkeMessageDecoder.decode(bytes, 0, bytes.length, cipher);

        assertThat(result.isOk()).isFalse();
        assertThat(result.message()).isNull();
        assertThat(result.verdict()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void theSameBytesAreRefusedAtAnOffsetToo(final byte[] bytes, final SkCipher cipher, final Verdict expected)
    {
        final byte[] shifted = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, shifted, 3, bytes.length);

        assertThat(IkeMessageDecoder.decode(shifted, 3, bytes.length, cipher).verdict()).isEqualTo(expected);
    }
}
