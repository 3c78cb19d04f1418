package io.torii.ike.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Child SA as {@code torii list-sas} shows it, and its {@code child-sa} record.
 *
 * @param name the child's name.
 * @param uniqueId the daemon's number for it, as swanctl's {@code #n}.
 * @param state {@code INSTALLED} once in the dataplane.
 * @param mode {@code TUNNEL} or {@code TRANSPORT}.
 * @param protocol {@code ESP}.
 * @param inboundSpi the SPI we receive on, as an unsigned number.
 * @param outboundSpi the SPI we send to.
 * @param suite the negotiated ESP suite, such as {@code AES_GCM_16-256} or
 *        {@code AES_CBC-128/HMAC_SHA2_256_128}.
 * @param udpEncapsulation true when ESP travels in UDP (RFC 3948).
 * @param localTs our side's negotiated selectors, as CIDR blocks.
 * @param remoteTs the peer's side's.
 */
public record ChildSaInfo(String name, long uniqueId, String state, String mode, String protocol, long inboundSpi,
    long outboundSpi, String suite, boolean udpEncapsulation, List<String> localTs, List<String> remoteTs)
{
    /** The kind of a Child SA's record. */
    public static final String KIND = "child-sa";

    /** Copies the lists. */
    public ChildSaInfo
    {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    /** @return the record. */
    public ControlRecord toRecord()
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("id", Long.toString(uniqueId));
        fields.put("state", state);
        fields.put("mode", mode);
        fields.put("protocol", protocol);
        fields.put("spi-in", Long.toString(inboundSpi));
        fields.put("spi-out", Long.toString(outboundSpi));
        fields.put("suite", suite);
        fields.put("encap", udpEncapsulation ? "yes" : "no");
        fields.put("local-ts", String.join(ControlRecord.LIST_SEPARATOR, localTs));
        fields.put("remote-ts", String.join(ControlRecord.LIST_SEPARATOR, remoteTs));
        return new ControlRecord(KIND, fields);
    }

    /**
     * @param record a {@code child-sa} record.
     * @return what it describes; missing fields read as empty or zero.
     */
    public static ChildSaInfo fromRecord(final ControlRecord record)
    {
        return new ChildSaInfo(record.text("name"), record.number("id", 0), record.text("state"),
            record.text("mode"), record.text("protocol"), record.number("spi-in", 0), record.number("spi-out", 0),
            record.text("suite"), record.flag("encap"), record.list("local-ts"), record.list("remote-ts"));
    }
}
