package io.torii.cli.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's four hosts, each a network namespace, joined by veth pairs; removed on close.
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gatewayA] 192.0.2.1 === 192.0.2.2 [gatewayB] 10.2.0.1 --- 10.2.0.2 [hostB]
 * </pre>
 * The 10.x addresses exist only inside the namespaces; the link between the gateways uses the
 * documentation range.
 */
public final class DemoNetwork implements AutoCloseable
{
    /** Host A's address. */
    public static final String HOST_A = "10.1.0.2";
    /** Host B's address. */
    public static final String HOST_B = "10.2.0.2";

    private final String hostA;
    private final String gatewayA;
    private final String gatewayB;
    private final String hostB;
    private final List<String> made = new ArrayList<>();

    /**
     * Builds the network.
     *
     * @param prefix a short unique prefix for the namespace names.
     * @throws IllegalStateException naming the command that failed.
     */
    public DemoNetwork(final String prefix)
    {
        hostA = prefix + "-ha";
        gatewayA = prefix + "-ga";
        gatewayB = prefix + "-gb";
        hostB = prefix + "-hb";
        try
        {
            for (final String namespace : List.of(hostA, gatewayA, gatewayB, hostB))
            {
                run("ip", "netns", "add", namespace);
                made.add(namespace);
                run("ip", "-n", namespace, "link", "set", "lo", "up");
            }
            link(hostA, "10.1.0.2/24", gatewayA, "10.1.0.1/24", 1);
            link(gatewayA, "192.0.2.1/24", gatewayB, "192.0.2.2/24", 2);
            link(gatewayB, "10.2.0.1/24", hostB, "10.2.0.2/24", 3);
            run("ip", "-n", hostA, "route", "add", "default", "via", "10.1.0.1");
            run("ip", "-n", hostB, "route", "add", "default", "via", "10.2.0.1");
            for (final String gateway : List.of(gatewayA, gatewayB))
            {
                run("ip", "netns", "exec", gateway, "sysctl", "-qw", "net.ipv4.ip_forward=1");
                run("ip", "netns", "exec", gateway, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0");
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    private static void link(final String left, final String leftCidr, final String right, final String rightCidr,
        final int id)
    {
        run("ip", "-n", left, "link", "add", "dv" + id + "a", "type", "veth", "peer", "name", "dv" + id + "b", "netns",
            right);
        run("ip", "-n", left, "addr", "add", leftCidr, "dev", "dv" + id + "a");
        run("ip", "-n", right, "addr", "add", rightCidr, "dev", "dv" + id + "b");
        run("ip", "-n", left, "link", "set", "dv" + id + "a", "up");
        run("ip", "-n", right, "link", "set", "dv" + id + "b", "up");
    }

    /** Routes each side's remote LAN into its gateway's TUN device, once the daemons made them. */
    public void routeThroughTunnels(final String tunName)
    {
        run("ip", "-n", gatewayA, "route", "add", "10.2.0.0/24", "dev", tunName);
        run("ip", "-n", gatewayB, "route", "add", "10.1.0.0/24", "dev", tunName);
    }

    /**
     * Runs a command and returns its output.
     *
     * @param command the program and its arguments.
     * @return what it printed.
     * @throws IllegalStateException naming the command, its status and output when it fails.
     */
    public static String run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), ex);
        }
    }

    /** @return host A's namespace. */
    public String hostA()
    {
        return hostA;
    }

    /** @return gateway A's namespace. */
    public String gatewayA()
    {
        return gatewayA;
    }

    /** @return gateway B's namespace. */
    public String gatewayB()
    {
        return gatewayB;
    }

    /** @return host B's namespace. */
    public String hostB()
    {
        return hostB;
    }

    /** Deletes every namespace made, and with them their links. */
    @Override
    public void close()
    {
        for (final String namespace : made.reversed())
        {
            try
            {
                run("ip", "netns", "delete", namespace);
            }
            catch (final IllegalStateException ignored)
            {
                // Already gone; nothing else to clean.
            }
        }
        made.clear();
    }
}
