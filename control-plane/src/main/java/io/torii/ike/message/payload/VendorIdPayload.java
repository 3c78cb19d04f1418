package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Vendor ID payload (RFC 7296 §3.12): an opaque constant a vendor chose.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                        Vendor ID (VID)                        ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param vendorId the vendor ID, copied.
 */
public record VendorIdPayload(byte[] vendorId) implements Payload
{
    /**
     * Copies the vendor ID.
     */
    public VendorIdPayload
    {
        vendorId = Objects.requireNonNull(vendorId, "vendorId").clone();
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        return PayloadResult.ok(new VendorIdPayload(Bytes.copy(buffer, offset, length)));
    }

    /** @return a copy of the vendor ID. */
    @Override
    public byte[] vendorId()
    {
        return vendorId.clone();
    }

    @Override
    public int type()
    {
        return PayloadType.VENDOR_ID;
    }

    /** Any bytes are a vendor ID; peers ignore those they do not know. */
    @Override
    public MalformedReason verify()
    {
        return MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        return vendorId.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putBytes(offset, vendorId);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof VendorIdPayload that && Arrays.equals(vendorId, that.vendorId);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(vendorId);
    }

    @Override
    public String toString()
    {
        return "V[" + vendorId.length + " bytes]";
    }
}
