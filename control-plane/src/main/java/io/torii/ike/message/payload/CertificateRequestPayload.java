package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Certificate Request payload (RFC 7296 §3.7): for X.509, the SHA-1 hashes of trusted CAs' public
 * keys, concatenated.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Cert Encoding |                                               |
 *  +-+-+-+-+-+-+-+-+                                               |
 *  ~                    Certification Authority                    ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param encoding the certificate encoding requested.
 * @param authorities the Certification Authority field, copied; may be empty.
 */
public record CertificateRequestPayload(int encoding, byte[] authorities) implements Payload
{
    /**
     * Copies the authorities.
     */
    public CertificateRequestPayload
    {
        authorities = Objects.requireNonNull(authorities, "authorities").clone();
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
        return PayloadResult.ok(new CertificateRequestPayload(Bytes.uint8(buffer, offset),
            Bytes.copy(buffer, offset + 1, length - 1)));
    }

    /** @return a copy of the Certification Authority field. */
    @Override
    public byte[] authorities()
    {
        return authorities.clone();
    }

    @Override
    public int type()
    {
        return PayloadType.CERTREQ;
    }

    @Override
    public MalformedReason verify()
    {
        return encoding < 1 || encoding > 255 ? MalformedReason.BAD_CERTIFICATE : MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        return 1 + authorities.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)encoding);
        buffer.putBytes(offset + 1, authorities);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CertificateRequestPayload that && encoding == that.encoding &&
            Arrays.equals(authorities, that.authorities);
    }

    @Override
    public int hashCode()
    {
        return 31 * encoding + Arrays.hashCode(authorities);
    }

    @Override
    public String toString()
    {
        return "CERTREQ[encoding " + encoding + ", " + authorities.length + " bytes]";
    }
}
