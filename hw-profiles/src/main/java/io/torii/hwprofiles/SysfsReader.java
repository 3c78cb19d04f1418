package io.torii.hwprofiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NUMA nodes, network interfaces and huge pages from a {@code /sys} tree below a root that
 * tests replace with a fake tree. Nothing here throws: what cannot be read is left out and
 * described in the gaps list, so {@code torii hw} can say what it could not see.
 */
final class SysfsReader
{
    private static final Pattern NODE = Pattern.compile("node([0-9]{1,5})");
    private static final Pattern HUGE_PAGES = Pattern.compile("hugepages-([0-9]{1,10})kB");

    private final Path root;
    private final List<String> gaps;

    /**
     * @param root the directory that stands for {@code /}.
     * @param gaps where to note what could not be read.
     */
    SysfsReader(final Path root, final List<String> gaps)
    {
        this.root = root;
        this.gaps = gaps;
    }

    /** @return the NUMA nodes by id; empty when the kernel publishes none (no NUMA support). */
    List<NumaNode> numaNodes()
    {
        final Path nodes = root.resolve("sys/devices/system/node");
        final List<NumaNode> found = new ArrayList<>();
        if (!Files.isDirectory(nodes))
        {
            gaps.add(nodes + " is missing: NUMA layout unknown, one node assumed");
            return found;
        }
        for (final Path node : children(nodes))
        {
            final Matcher matcher = NODE.matcher(node.getFileName().toString());
            if (!matcher.matches())
            {
                continue;
            }
            final Optional<List<Integer>> cpus = readLine(node.resolve("cpulist")).flatMap(CpuList::parse);
            if (cpus.isEmpty())
            {
                gaps.add(node.resolve("cpulist") + " is unreadable or not a CPU list");
                continue;
            }
            found.add(new NumaNode(Integer.parseInt(matcher.group(1)), cpus.get()));
        }
        found.sort(Comparator.comparingInt(NumaNode::id));
        return found;
    }

    /** @return every interface under {@code /sys/class/net}, by name. */
    List<Nic> nics()
    {
        final Path net = root.resolve("sys/class/net");
        final List<Nic> found = new ArrayList<>();
        if (!Files.isDirectory(net))
        {
            gaps.add(net + " is missing: network interfaces unknown");
            return found;
        }
        for (final Path nic : children(net))
        {
            // bonding_masters and the like are files beside the interfaces, which are directories.
            if (Files.isDirectory(nic))
            {
                found.add(nic(nic));
            }
        }
        found.sort(Comparator.comparing(Nic::name));
        return found;
    }

    private Nic nic(final Path nic)
    {
        final Path device = nic.resolve("device");
        final String driver = linkName(device.resolve("driver"));
        final String busAddress = Files.exists(device) ? linkName(device) : "";
        final int speed = readLine(nic.resolve("speed")).flatMap(SysfsReader::integer).orElse(-1);
        final int numaNode = readLine(device.resolve("numa_node")).flatMap(SysfsReader::integer).orElse(-1);
        int receive = 0;
        int transmit = 0;
        for (final Path queue : children(nic.resolve("queues")))
        {
            final String name = queue.getFileName().toString();
            receive += name.startsWith("rx-") ? 1 : 0;
            transmit += name.startsWith("tx-") ? 1 : 0;
        }
        return new Nic(nic.getFileName().toString(), driver, busAddress, receive, transmit, speed < 0 ? -1 : speed,
            numaNode);
    }

    /** @return the huge pages the kernel has reserved, over all sizes, in bytes. */
    long hugePageBytes()
    {
        long total = 0;
        for (final Path size : children(root.resolve("sys/kernel/mm/hugepages")))
        {
            final Matcher matcher = HUGE_PAGES.matcher(size.getFileName().toString());
            if (matcher.matches())
            {
                final long pages = readLine(size.resolve("nr_hugepages")).flatMap(SysfsReader::integer).orElse(0);
                total += pages * Long.parseLong(matcher.group(1)) * 1024;
            }
        }
        return total;
    }

    /** @return whether the vfio-pci driver is loaded, which DPDK needs to take a PCI NIC from the kernel. */
    boolean vfioPciLoaded()
    {
        return Files.isDirectory(root.resolve("sys/bus/pci/drivers/vfio-pci"));
    }

    private static Optional<Integer> integer(final String text)
    {
        return text.matches("-?[0-9]{1,9}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
    }

    /** @return the file's first line, stripped; empty when it does not exist or cannot be read. */
    private static Optional<String> readLine(final Path file)
    {
        try
        {
            final String text = Files.readString(file);
            final int newline = text.indexOf('\n');
            return Optional.of((newline < 0 ? text : text.substring(0, newline)).strip());
        }
        catch (final IOException | RuntimeException ex)
        {
            // sysfs answers some reads with an error (speed of a link that is down): same as absent.
            return Optional.empty();
        }
    }

    /** @return the last part of the path a symbolic link points to, or empty when it is not a link. */
    private static String linkName(final Path link)
    {
        try
        {
            final Path target = Files.readSymbolicLink(link).getFileName();
            return target == null ? "" : target.toString();
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return "";
        }
    }

    private List<Path> children(final Path directory)
    {
        final List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return children;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory))
        {
            stream.forEach(children::add);
        }
        catch (final IOException ex)
        {
            gaps.add(directory + " could not be listed: " + ex.getMessage());
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }
}
