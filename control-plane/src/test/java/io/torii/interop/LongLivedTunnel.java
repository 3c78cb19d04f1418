package io.torii.interop;

import io.torii.dataplane.testing.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Torii gateway and a strongSwan gateway on one IPv4 link ({@link GatewayPlacement#DIRECT_V4}) with the PSK
 * connection {@code ab}/{@code net} of {@link PskConnection}, brought up once by the side the options name,
 * for the tests of tunnels that live long: rekeying, dead peers, restarts, soak.
 * <pre>
 *  [hostA] 10.1.0.2 --- [torii daemon] 192.0.2.1 ===== 192.0.2.2 [charon] --- 10.2.0.2 [hostB]
 * </pre>
 * strongSwan can be crashed (SIGKILL: no Delete is sent, as when a machine loses power) and started again
 * from a fresh directory with other settings, while Torii keeps running.
 */
final class LongLivedTunnel implements AutoCloseable
{
    /** How long an exchange or a listing change may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The IKE proposal both sides use. */
    static final String IKE_PROPOSAL = "aes256gcm16-prfsha256-x25519";
    /** The ESP proposal both sides use. */
    static final String ESP_PROPOSAL = "aes256gcm16";

    private final GatewayPlacement.Network network;
    private final Path dir;
    private final ToriiGateway torii;
    private StrongSwanPeer strongSwan;
    private int strongSwanStarts;

    /**
     * What each side is configured with beyond the shared connection.
     *
     * @param toriiInitiates whether Torii starts the connection ({@code start_action = start}); strongSwan does
     *     with {@code swanctl --initiate} otherwise.
     * @param toriiIkeOptions more settings of Torii's connection, one per line.
     * @param toriiChildOptions more settings of Torii's child.
     * @param toriiCharon Torii's {@code charon { }} settings.
     * @param strongSwanIkeOptions more settings of strongSwan's connection.
     * @param strongSwanChildOptions more settings of strongSwan's child.
     */
    record Options(boolean toriiInitiates, String toriiIkeOptions, String toriiChildOptions, String toriiCharon,
        String strongSwanIkeOptions, String strongSwanChildOptions)
    {
        /**
         * @param toriiInitiates whether Torii initiates.
         * @return both sides with the defaults.
         */
        static Options initiatedBy(final boolean toriiInitiates)
        {
            return new Options(toriiInitiates, "", "", "", "", "");
        }

        /**
         * @param ike Torii's connection settings.
         * @param child Torii's child settings.
         * @return these options with those.
         */
        Options torii(final String ike, final String child)
        {
            return new Options(toriiInitiates, ike, child, toriiCharon, strongSwanIkeOptions, strongSwanChildOptions);
        }

        /**
         * @param charon Torii's charon settings.
         * @return these options with those.
         */
        Options toriiCharon(final String charon)
        {
            return new Options(toriiInitiates, toriiIkeOptions, toriiChildOptions, charon, strongSwanIkeOptions,
                strongSwanChildOptions);
        }

        /**
         * @param ike strongSwan's connection settings.
         * @param child strongSwan's child settings.
         * @return these options with those.
         */
        Options strongSwan(final String ike, final String child)
        {
            return new Options(toriiInitiates, toriiIkeOptions, toriiChildOptions, toriiCharon, ike, child);
        }
    }

    private LongLivedTunnel(final GatewayPlacement.Network network, final Path dir, final ToriiGateway torii,
        final StrongSwanPeer strongSwan)
    {
        this.network = network;
        this.dir = dir;
        this.torii = torii;
        this.strongSwan = strongSwan;
        this.strongSwanStarts = 1;
    }

    /**
     * Builds the network, starts both gateways and waits until the child is installed on both sides.
     *
     * @param lab the lab that removes the namespaces again.
     * @param dir a private directory for both gateways' files.
     * @param options each side's settings.
     * @return the running tunnel.
     * @throws IllegalStateException with both sides' logs when the child does not come up.
     */
    static LongLivedTunnel open(final NetworkLab lab, final Path dir, final Options options)
        throws IOException, InterruptedException
    {
        final GatewayPlacement.Network network = GatewayPlacement.DIRECT_V4.build(lab);
        final String toriiConf = PskConnection.text(network.toriiLocal(), network.toriiRemote(), true, IKE_PROPOSAL,
            ESP_PROPOSAL, options.toriiInitiates() ? "start" : "none", options.toriiIkeOptions(),
            options.toriiChildOptions());
        final StrongSwanPeer strongSwan = strongSwanPeer(network, dir.resolve("sb1"), "none",
            options.strongSwanIkeOptions(), options.strongSwanChildOptions());
        final ToriiGateway torii;
        try
        {
            torii = ToriiGateway.start(network.toriiGateway(), dir.resolve("torii"), network.toriiLocal(), toriiConf,
                options.toriiCharon());
        }
        catch (final RuntimeException | IOException | InterruptedException ex)
        {
            strongSwan.stop();
            throw ex;
        }
        final LongLivedTunnel tunnel = new LongLivedTunnel(network, dir, torii, strongSwan);
        try
        {
            if (!options.toriiInitiates())
            {
                final var initiated = strongSwan.initiateChild(PskConnection.CHILD, TIMEOUT);
                if (initiated.exitCode() != 0)
                {
                    throw new IllegalStateException("swanctl --initiate: " + initiated.output() + tunnel.logs());
                }
            }
            tunnel.awaitUp();
            return tunnel;
        }
        catch (final RuntimeException ex)
        {
            tunnel.close();
            throw ex;
        }
    }

    /**
     * Waits until the child is installed on both sides.
     *
     * @throws IllegalStateException with both sides' listings and logs when it is not within {@link #TIMEOUT}.
     */
    void awaitUp()
    {
        final SaListing atStrongSwan = strongSwan.awaitChildInstalled(PskConnection.CHILD, TIMEOUT);
        final ToriiSaListing atTorii = torii.awaitChildInstalled(PskConnection.CHILD, TIMEOUT);
        if (!atStrongSwan.isChildInstalled(PskConnection.CHILD) || !atTorii.isChildInstalled(PskConnection.CHILD))
        {
            throw new IllegalStateException("the child did not come up on both sides:\n" + atStrongSwan.raw() + "\n" +
                atTorii.raw() + logs());
        }
    }

    /** @return the network. */
    GatewayPlacement.Network network()
    {
        return network;
    }

    /** @return the Torii gateway. */
    ToriiGateway torii()
    {
        return torii;
    }

    /** @return the strongSwan gateway now running. */
    StrongSwanPeer strongSwan()
    {
        return strongSwan;
    }

    /**
     * Kills charon with SIGKILL, so that it sends nothing more, and removes its control files; its log stays.
     */
    void crashStrongSwan()
    {
        strongSwan.crash();
    }

    /**
     * Starts a new charon with the same connection in a fresh directory (the old one's log stays for the
     * report), after a {@link #crashStrongSwan() crash}.
     *
     * @param startAction the child's {@code start_action}: {@code start} to initiate when loaded.
     * @param ikeOptions more connection settings.
     * @param childOptions more child settings.
     */
    void startStrongSwan(final String startAction, final String ikeOptions, final String childOptions)
        throws IOException
    {
        strongSwan.stop();
        strongSwanStarts++;
        strongSwan = strongSwanPeer(network, dir.resolve("sb" + strongSwanStarts), startAction, ikeOptions,
            childOptions);
    }

    private static StrongSwanPeer strongSwanPeer(final GatewayPlacement.Network network, final Path workDir,
        final String startAction, final String ikeOptions, final String childOptions) throws IOException
    {
        final String conf = PskConnection.text(network.strongSwanLocal(), network.strongSwanRemote(), false,
            IKE_PROPOSAL, ESP_PROPOSAL, startAction, ikeOptions, childOptions);
        return StrongSwanPeer.start(PeerSetup.of(network.strongSwanGateway(), Files.createDirectories(workDir),
            conf));
    }

    /** @return both sides' SAs and the ends of their logs, for failure messages. */
    String logs()
    {
        final String output = torii.output();
        return "\n--- torii list-sas ---\n" + torii.listSas().raw() + "\n--- swanctl --list-sas ---\n" +
            (strongSwan.isRunning() ? strongSwan.listSasPretty() + strongSwan.logTail(60) :
                "(charon not running)\n") + "--- torii daemon (last 8000 characters) ---\n" +
            output.substring(Math.max(0, output.length() - 8000));
    }

    /** Stops both gateways. */
    @Override
    public void close()
    {
        try
        {
            strongSwan.stop();
        }
        finally
        {
            torii.close();
        }
    }
}
