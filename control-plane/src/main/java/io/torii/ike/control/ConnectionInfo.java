package io.torii.ike.control;

import io.torii.ike.config.AuthRound;
import io.torii.ike.config.ChildAction;
import io.torii.ike.config.ChildConfig;
import io.torii.ike.config.ChildMode;
import io.torii.ike.config.IkeAddress;
import io.torii.ike.config.IkeConnection;
import io.torii.ike.daemon.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A loaded connection as {@code torii list-conns} shows it, and its {@code conn} and {@code conn-child}
 * records.
 *
 * @param name the connection's name.
 * @param localAddrs {@code local_addrs} as written.
 * @param remoteAddrs {@code remote_addrs} as written.
 * @param localPort our IKE port.
 * @param remotePort the peer's IKE port.
 * @param proposals the IKE proposal strings.
 * @param localAuth how we authenticate: {@code psk}, {@code pubkey}, {@code eap...}.
 * @param localId the identity we send.
 * @param remoteAuth how the peer must authenticate.
 * @param remoteId the identity we accept.
 * @param children the children, in file order.
 */
public record ConnectionInfo(String name, List<String> localAddrs, List<String> remoteAddrs, int localPort,
    int remotePort, List<String> proposals, String localAuth, String localId, String remoteAuth, String remoteId,
    List<Child> children)
{
    /** The kind of a connection's record. */
    public static final String KIND = "conn";
    /** The kind of a child's record. */
    public static final String CHILD_KIND = "conn-child";

    /**
     * One configured child.
     *
     * @param name the child's name.
     * @param mode {@code TUNNEL} or {@code TRANSPORT} (or a shunt's mode).
     * @param localTs the local traffic selectors as configured.
     * @param remoteTs the remote ones.
     * @param espProposals the ESP proposal strings.
     * @param startAction {@code none}, {@code trap}, {@code start} or {@code trap|start}.
     */
    public record Child(String name, String mode, List<String> localTs, List<String> remoteTs,
        List<String> espProposals, String startAction)
    {
        /** Copies the lists. */
        public Child
        {
            localTs = List.copyOf(localTs);
            remoteTs = List.copyOf(remoteTs);
            espProposals = List.copyOf(espProposals);
        }
    }

    /** Copies the lists. */
    public ConnectionInfo
    {
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        proposals = List.copyOf(proposals);
        children = List.copyOf(children);
    }

    /**
     * @param connection a loaded connection.
     * @return what a listing shows of it; never its secrets.
     */
    public static ConnectionInfo of(final Connection connection)
    {
        final IkeConnection config = connection.config();
        final List<Child> children = new ArrayList<>();
        for (final ChildConfig child : config.children().values())
        {
            children.add(new Child(child.name(), modeName(child.mode()),
                child.localTs().stream().map(Object::toString).toList(),
                child.remoteTs().stream().map(Object::toString).toList(), child.espProposals(),
                actionName(child.startAction())));
        }
        return new ConnectionInfo(config.name(), addresses(config.localAddrs()), addresses(config.remoteAddrs()),
            config.localPort(), config.remotePort(), config.proposals(), authOf(config.localAuth()),
            connection.profile().localId().toString(), authOf(config.remoteAuth()),
            connection.profile().remoteId().toString(), children);
    }

    private static String modeName(final ChildMode mode)
    {
        return mode.name().toUpperCase(Locale.ROOT);
    }

    private static String actionName(final ChildAction action)
    {
        return action == ChildAction.TRAP_AND_START ? "trap|start" : action.name().toLowerCase(Locale.ROOT);
    }

    private static String authOf(final List<AuthRound> rounds)
    {
        return rounds.isEmpty() ? "pubkey" : rounds.getFirst().auth().text();
    }

    private static List<String> addresses(final List<IkeAddress> addresses)
    {
        final List<String> text = new ArrayList<>();
        for (final IkeAddress address : addresses)
        {
            text.add(switch (address)
            {
                case IkeAddress.Any any -> any.family() == 0 ? "%any" : "%any" + any.family();
                case IkeAddress.Host host -> host.address().getHostAddress();
                case IkeAddress.Subnet subnet -> subnet.address().getHostAddress() + "/" + subnet.prefixLength();
                case IkeAddress.Range range -> range.from().getHostAddress() + "-" + range.to().getHostAddress();
                case IkeAddress.DnsName dns -> dns.name();
            });
        }
        return text;
    }

    /** @return the connection's record, then one per child. */
    public List<ControlRecord> toRecords()
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("local-addrs", String.join(ControlRecord.LIST_SEPARATOR, localAddrs));
        fields.put("remote-addrs", String.join(ControlRecord.LIST_SEPARATOR, remoteAddrs));
        fields.put("local-port", Integer.toString(localPort));
        fields.put("remote-port", Integer.toString(remotePort));
        fields.put("proposals", String.join(ControlRecord.LIST_SEPARATOR, proposals));
        fields.put("local-auth", localAuth);
        fields.put("local-id", localId);
        fields.put("remote-auth", remoteAuth);
        fields.put("remote-id", remoteId);
        final List<ControlRecord> records = new ArrayList<>();
        records.add(new ControlRecord(KIND, fields));
        for (final Child child : children)
        {
            final Map<String, String> childFields = new LinkedHashMap<>();
            childFields.put("name", child.name());
            childFields.put("mode", child.mode());
            childFields.put("local-ts", String.join(ControlRecord.LIST_SEPARATOR, child.localTs()));
            childFields.put("remote-ts", String.join(ControlRecord.LIST_SEPARATOR, child.remoteTs()));
            childFields.put("esp-proposals", String.join(ControlRecord.LIST_SEPARATOR, child.espProposals()));
            childFields.put("start-action", child.startAction());
            records.add(new ControlRecord(CHILD_KIND, childFields));
        }
        return records;
    }

    /**
     * @param records a {@code list-conns} answer's records, in order.
     * @return the connections they describe; records of other kinds, and children before any
     *         connection, are skipped.
     */
    public static List<ConnectionInfo> fromRecords(final List<ControlRecord> records)
    {
        final List<ConnectionInfo> connections = new ArrayList<>();
        ControlRecord parent = null;
        List<Child> children = new ArrayList<>();
        for (final ControlRecord record : records)
        {
            if (record.kind().equals(KIND))
            {
                if (parent != null)
                {
                    connections.add(fromRecord(parent, children));
                }
                parent = record;
                children = new ArrayList<>();
            }
            else if (record.kind().equals(CHILD_KIND) && parent != null)
            {
                children.add(new Child(record.text("name"), record.text("mode"), record.list("local-ts"),
                    record.list("remote-ts"), record.list("esp-proposals"), record.text("start-action")));
            }
        }
        if (parent != null)
        {
            connections.add(fromRecord(parent, children));
        }
        return connections;
    }

    private static ConnectionInfo fromRecord(final ControlRecord record, final List<Child> children)
    {
        return new ConnectionInfo(record.text("name"), record.list("local-addrs"), record.list("remote-addrs"),
            (int)record.number("local-port", 0), (int)record.number("remote-port", 0), record.list("proposals"),
            record.text("local-auth"), record.text("local-id"), record.text("remote-auth"), record.text("remote-id"),
            children);
    }
}
