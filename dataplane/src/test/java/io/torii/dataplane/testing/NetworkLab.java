package io.torii.dataplane.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Network namespaces and veth pairs that one test creates and removes itself.
 *
 * <p>Names carry the JVM's pid and a counter, so concurrent test runs never collide, and
 * {@link #close()} deletes every namespace it made (which also removes their veth ends) even when
 * the test failed half-way. Use only documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24) on links, and private ranges only inside the namespaces.
 */
public final class NetworkLab implements AutoCloseable
{
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String prefix = "torii" + ProcessHandle.current().pid() + "x" + SEQUENCE.incrementAndGet();
    private final List<String> namespaces = new ArrayList<>();
    private int links;

    /**
     * @param role a short name for the namespace, such as {@code gw1}.
     * @return the namespace's full name, up with its loopback.
     */
    public String namespace(final String role)
    {
        final String name = prefix + role;
        Commands.check("ip", "netns", "add", name);
        namespaces.add(name);
        Commands.check("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /**
     * Joins two namespaces with a veth pair and gives each end an address.
     *
     * @param left the first namespace.
     * @param leftCidr the first end's address with prefix length, e.g. {@code 192.0.2.1/24}.
     * @param right the second namespace.
     * @param rightCidr the second end's address with prefix length.
     * @return the interface names, left end first; the same name on both sides is fine.
     */
    public String[] link(final String left, final String leftCidr, final String right, final String rightCidr)
    {
        final int id = ++links;
        final String leftName = "tv" + id + "a";
        final String rightName = "tv" + id + "b";
        Commands.check("ip", "-n", left, "link", "add", leftName, "type", "veth", "peer", "name", rightName,
            "netns", right);
        Commands.check("ip", "-n", left, "addr", "add", leftCidr, "dev", leftName);
        Commands.check("ip", "-n", right, "addr", "add", rightCidr, "dev", rightName);
        Commands.check("ip", "-n", left, "link", "set", leftName, "up");
        Commands.check("ip", "-n", right, "link", "set", rightName, "up");
        return new String[] {leftName, rightName};
    }

    /**
     * @param namespace where to run.
     * @param command the program and its arguments.
     * @return its exit status and output.
     */
    public Commands.Result exec(final String namespace, final String... command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return Commands.run(full);
    }

    /**
     * @return the namespaces this lab made and has not yet removed.
     */
    public List<String> namespaces()
    {
        return List.copyOf(namespaces);
    }

    @Override
    public void close()
    {
        final List<String> failures = new ArrayList<>();
        for (final String name : namespaces.reversed())
        {
            final Commands.Result result = Commands.run(List.of("ip", "netns", "delete", name));
            if (result.exitCode() != 0)
            {
                failures.add(name + ": " + result.output().strip());
            }
        }
        namespaces.clear();
        if (!failures.isEmpty())
        {
            throw new IllegalStateException("could not remove namespaces " + failures);
        }
    }
}
