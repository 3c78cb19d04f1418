package io.torii.dataplane.port.dpdk;

import java.util.ArrayList;
import java.util.List;

/**
 * The EAL arguments Torii uses when the configuration gives none ({@code eal_args}): no hugepages
 * ({@code --no-huge}, with {@code -m} MB of ordinary memory; about half the speed of hugepages on
 * a null device, and nothing to set up), {@code --no-shconf} and a {@code --file-prefix} naming
 * this process (no shared configuration files, so that several daemons, one per namespace, run
 * side by side; {@code --in-memory} would do the same but DPDK 22.11 refuses it with
 * {@code --no-huge}), no telemetry socket, and, for virtual devices, no PCI scan ({@code --no-pci}).
 */
public final class DpdkEal
{
    /** MB of memory the EAL takes without hugepages. */
    public static final int DEFAULT_MEMORY_MB = 512;

    private DpdkEal()
    {
    }

    /**
     * @param pciDevice whether the port is a PCI device (then the PCI bus is scanned).
     * @return the default arguments.
     */
    public static List<String> defaultArguments(final boolean pciDevice)
    {
        final List<String> arguments = new ArrayList<>(List.of("--no-huge", "-m", Integer.toString(DEFAULT_MEMORY_MB),
            "--no-shconf", "--file-prefix", "torii-" + ProcessHandle.current().pid(), "--no-telemetry",
            "--log-level=notice"));
        if (!pciDevice)
        {
            arguments.add("--no-pci");
        }
        return List.copyOf(arguments);
    }
}
