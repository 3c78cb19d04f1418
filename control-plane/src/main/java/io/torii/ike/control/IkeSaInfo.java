package io.torii.ike.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IKE SA as {@code torii list-sas} shows it, and its {@code ike-sa} record; its Child SAs follow it
 * as {@code child-sa} records.
 *
 * @param name the connection's name.
 * @param uniqueId the daemon's number for the SA, as swanctl's {@code #n}.
 * @param state {@code CONNECTING}, {@code ESTABLISHED} or {@code FAILED}.
 * @param localHost our address.
 * @param localPort our port.
 * @param localId our identity.
 * @param remoteHost the peer's address.
 * @param remotePort the peer's port.
 * @param remoteId the peer's identity (the one accepted; {@code %any} when any is).
 * @param initiatorSpi SPIi, 16 hex digits.
 * @param responderSpi SPIr, 16 hex digits, zeros until answered.
 * @param weInitiated true when this side sent IKE_SA_INIT.
 * @param suite the negotiated IKE suite, such as {@code AES_GCM_16-256/PRF_HMAC_SHA2_256/CURVE_25519};
 *        empty before IKE_SA_INIT completed.
 * @param establishedSecondsAgo seconds since the SA was seen established; -1 while it is not.
 * @param natDetected true when a NAT was found (or faked to force UDP encapsulation).
 * @param children the Child SAs.
 */
public record IkeSaInfo(String name, long uniqueId, String state, String localHost, int localPort, String localId,
    String remoteHost, int remotePort, String remoteId, String initiatorSpi, String responderSpi, boolean weInitiated,
    String suite, long establishedSecondsAgo, boolean natDetected, List<ChildSaInfo> children)
{
    /** The kind of an IKE SA's record. */
    public static final String KIND = "ike-sa";

    /** Copies the list. */
    public IkeSaInfo
    {
        children = List.copyOf(children);
    }

    /** @return the SA's record, then one per Child SA. */
    public List<ControlRecord> toRecords()
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("id", Long.toString(uniqueId));
        fields.put("state", state);
        fields.put("local-host", localHost);
        fields.put("local-port", Integer.toString(localPort));
        fields.put("local-id", localId);
        fields.put("remote-host", remoteHost);
        fields.put("remote-port", Integer.toString(remotePort));
        fields.put("remote-id", remoteId);
        fields.put("spi-i", initiatorSpi);
        fields.put("spi-r", responderSpi);
        fields.put("initiator", weInitiated ? "yes" : "no");
        fields.put("suite", suite);
        fields.put("established", Long.toString(establishedSecondsAgo));
        fields.put("nat", natDetected ? "yes" : "no");
        final List<ControlRecord> records = new ArrayList<>();
        records.add(new ControlRecord(KIND, fields));
        for (final ChildSaInfo child : children)
        {
            records.add(child.toRecord());
        }
        return records;
    }

    /**
     * @param records a {@code list-sas} answer's records, in order.
     * @return the SAs they describe; other kinds, and Child SAs before any IKE SA, are skipped.
     */
    public static List<IkeSaInfo> fromRecords(final List<ControlRecord> records)
    {
        final List<IkeSaInfo> sas = new ArrayList<>();
        ControlRecord parent = null;
        List<ChildSaInfo> children = new ArrayList<>();
        for (final ControlRecord record : records)
        {
            if (record.kind().equals(KIND))
            {
                if (parent != null)
                {
                    sas.add(fromRecord(parent, children));
                }
                parent = record;
                children = new ArrayList<>();
            }
            else if (record.kind().equals(ChildSaInfo.KIND) && parent != null)
            {
                children.add(ChildSaInfo.fromRecord(record));
            }
        }
        if (parent != null)
        {
            sas.add(fromRecord(parent, children));
        }
        return sas;
    }

    private static IkeSaInfo fromRecord(final ControlRecord record, final List<ChildSaInfo> children)
    {
        return new IkeSaInfo(record.text("name"), record.number("id", 0), record.text("state"),
            record.text("local-host"), (int)record.number("local-port", 0), record.text("local-id"),
            record.text("remote-host"), (int)record.number("remote-port", 0), record.text("remote-id"),
            record.text("spi-i"), record.text("spi-r"), record.flag("initiator"), record.text("suite"),
            record.number("established", -1), record.flag("nat"), children);
    }
}
