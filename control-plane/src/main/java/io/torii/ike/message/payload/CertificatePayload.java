package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Certificate payload (RFC 7296 §3.6).
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Cert Encoding |                                               |
 *  +-+-+-+-+-+-+-+-+                                               |
 *  ~                       Certificate Data                        ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param encoding the certificate encoding, such as {@link #X509_SIGNATURE}.
 * @param data the certificate data, copied.
 */
public record CertificatePayload(int encoding, byte[] data) implements Payload
{
    /** X.509 Certificate - Signature (§3.6). */
    public static final int X509_SIGNATURE = 4;
    /** Hash and URL of X.509 certificate (§3.6). */
    public static final int HASH_AND_URL_X509 = 12;

    /**
     * Copies the data.
     */
    public CertificatePayload
    {
        data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why it does not parse.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            return PayloadResult.malformed(MalformedReason.BAD_CERTIFICATE);
        }
        return PayloadResult.ok(new CertificatePayload(Bytes.uint8(buffer, offset),
            Bytes.copy(buffer, offset + 1, length - 1)));
    }

    /** @return a copy of the certificate data. */
    @Override
    public byte[] data()
    {
        return data.clone();
    }

    @Override
    public int type()
    {
        return PayloadType.CERT;
    }

    @Override
    public MalformedReason verify()
    {
        return encoding < 1 || encoding > 255 || data.length == 0 ?
            MalformedReason.BAD_CERTIFICATE : MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        return 1 + data.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)encoding);
        buffer.putBytes(offset + 1, data);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CertificatePayload that && encoding == that.encoding && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode()
    {
        return 31 * encoding + Arrays.hashCode(data);
    }

    @Override
    public String toString()
    {
        return "CERT[encoding " + encoding + ", " + data.length + " bytes]";
    }
}
