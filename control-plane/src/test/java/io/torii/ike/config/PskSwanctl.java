package io.torii.ike.config;

import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * The swanctl.conf text of one pre-shared-key connection, as the in-process IKE tests of several packages
 * configure their two peers: one connection with its proposals and extra lines, both rounds {@code auth = psk},
 * a list of children and one {@code ike-1} secret. Each test names only what sets it apart.
 */
public final class PskSwanctl
{
    private final String connectionName;
    private final String ikeProposals;
    private final String selfId;
    private final String peerId;
    private final List<String> connectionLines = new ArrayList<>();
    private final List<String> children = new ArrayList<>();
    private final List<String> secretLines = new ArrayList<>();

    /**
     * @param connectionName the connection's section name.
     * @param ikeProposals its IKE proposals.
     * @param selfId this peer's identity.
     * @param peerId the other's.
     */
    public PskSwanctl(final String connectionName, final String ikeProposals, final String selfId,
        final String peerId)
    {
        this.connectionName = connectionName;
        this.ikeProposals = ikeProposals;
        this.selfId = selfId;
        this.peerId = peerId;
    }

    /**
     * @param line a line of the connection section, such as {@code rekey_time = 0s}; a blank one is left out.
     * @return this.
     */
    public PskSwanctl line(final String line)
    {
        if (!line.isBlank())
        {
            connectionLines.add(line.strip());
        }
        return this;
    }

    /**
     * @param name the child's section name.
     * @param localTs its local traffic selectors.
     * @param remoteTs its remote ones.
     * @param espProposals its ESP proposals.
     * @param lines more lines of the child section, such as {@code mode = transport}; blank ones are left out.
     * @return this.
     */
    public PskSwanctl child(final String name, final String localTs, final String remoteTs,
        final String espProposals, final String... lines)
    {
        final StringBuilder child = new StringBuilder()
            .append("      ").append(name).append(" {\n")
            .append("        local_ts = ").append(localTs).append('\n')
            .append("        remote_ts = ").append(remoteTs).append('\n')
            .append("        esp_proposals = ").append(espProposals).append('\n');
        for (final String line : lines)
        {
            if (!line.isBlank())
            {
                child.append("        ").append(line.strip()).append('\n');
            }
        }
        children.add(child.append("      }\n").toString());
        return this;
    }

    /**
     * @param secret the pre-shared key.
     * @param ids the identities it is bound to ({@code id-1}, {@code id-2}...); none: any.
     * @return this.
     */
    public PskSwanctl secret(final String secret, final String... ids)
    {
        for (int i = 0; i < ids.length; i++)
        {
            secretLines.add("id-" + (i + 1) + " = " + ids[i]);
        }
        secretLines.add("secret = " + secret);
        return this;
    }

    /** @return the swanctl.conf text. */
    public String text()
    {
        final StringBuilder text = new StringBuilder()
            .append("connections {\n")
            .append("  ").append(connectionName).append(" {\n")
            .append("    proposals = ").append(ikeProposals).append('\n');
        connectionLines.forEach(line -> text.append("    ").append(line).append('\n'));
        text.append("    local {\n      auth = psk\n      id = ").append(selfId).append("\n    }\n")
            .append("    remote {\n      auth = psk\n      id = ").append(peerId).append("\n    }\n")
            .append("    children {\n");
        children.forEach(text::append);
        text.append("    }\n  }\n}\nsecrets {\n  ike-1 {\n");
        secretLines.forEach(line -> text.append("    ").append(line).append('\n'));
        return text.append("  }\n}\n").toString();
    }

    /**
     * @param schedule the retransmission schedule.
     * @return the configuration's one peer profile.
     */
    public PeerProfile profile(final RetransmitSchedule schedule)
    {
        return PeerProfiles.from(config(), schedule).getFirst();
    }

    /** @return the configuration as the reader reads it. */
    public SwanctlConfig config()
    {
        return SwanctlReader.read(text(), "swanctl.conf").config();
    }
}
