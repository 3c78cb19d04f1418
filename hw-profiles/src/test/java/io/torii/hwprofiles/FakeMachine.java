package io.torii.hwprofiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a fake {@code /proc} and {@code /sys} below a temporary directory, laid out as Linux lays
 * them out (device links to {@code /sys/devices}, driver links to {@code /sys/bus/.../drivers}), for
 * detection tests that must not depend on the machine they run on.
 */
final class FakeMachine
{
    private final Path root;

    FakeMachine(final Path root)
    {
        this.root = root;
    }

    Path root()
    {
        return root;
    }

    /** Writes a /proc/cpuinfo of identical processors. */
    FakeMachine processors(final int count, final String model, final String flags)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.append("processor\t: ").append(i).append('\n')
                .append("model name\t: ").append(model).append('\n')
                .append("flags\t\t: ").append(flags).append("\n\n");
        }
        return cpuinfo(text.toString());
    }

    FakeMachine cpuinfo(final String text)
    {
        write("proc/cpuinfo", text);
        return this;
    }

    FakeMachine numaNode(final int id, final String cpuList)
    {
        write("sys/devices/system/node/node" + id + "/cpulist", cpuList + "\n");
        return this;
    }

    /**
     * Adds a NIC behind a PCI device.
     *
     * @param numaNode written to the device's numa_node.
     */
    FakeMachine pciNic(final String name, final String pciAddress, final String driver, final int queues,
        final int speed, final int numaNode)
    {
        final String device = "sys/devices/pci0000:00/" + pciAddress;
        directory("sys/bus/pci/drivers/" + driver);
        link(device + "/driver", "../../../bus/pci/drivers/" + driver);
        write(device + "/numa_node", numaNode + "\n");
        return netdev(name, "../../../devices/pci0000:00/" + pciAddress, queues, speed);
    }

    /** Adds a NIC behind a virtio device, as a VM has. */
    FakeMachine virtioNic(final String name, final String virtioName, final int queues)
    {
        final String device = "sys/devices/pci0000:00/0000:00:03.0/" + virtioName;
        directory("sys/bus/virtio/drivers/virtio_net");
        link(device + "/driver", "../../../../bus/virtio/drivers/virtio_net");
        return netdev(name, "../../../devices/pci0000:00/0000:00:03.0/" + virtioName, queues, -1);
    }

    /** Adds a software interface: no device link. */
    FakeMachine virtualNic(final String name)
    {
        directory("sys/class/net/" + name + "/queues/rx-0");
        directory("sys/class/net/" + name + "/queues/tx-0");
        return this;
    }

    FakeMachine hugePages(final int pages2m)
    {
        write("sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", pages2m + "\n");
        write("sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages", "0\n");
        return this;
    }

    FakeMachine vfioPci()
    {
        directory("sys/bus/pci/drivers/vfio-pci");
        return this;
    }

    private FakeMachine netdev(final String name, final String deviceTarget, final int queues, final int speed)
    {
        final String netdev = "sys/class/net/" + name;
        link(netdev + "/device", deviceTarget);
        for (int i = 0; i < queues; i++)
        {
            directory(netdev + "/queues/rx-" + i);
            directory(netdev + "/queues/tx-" + i);
        }
        write(netdev + "/speed", speed + "\n");
        return this;
    }

    private void write(final String path, final String text)
    {
        try
        {
            final Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void directory(final String path)
    {
        try
        {
            Files.createDirectories(root.resolve(path));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void link(final String path, final String target)
    {
        try
        {
            final Path link = root.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
