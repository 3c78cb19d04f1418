package io.torii.hwprofiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One fake machine per class of hardware the shipped profiles are for, and this machine's CPU. */
final class FakeMachines
{
    static final String NO_VAES = "fpu sse2 ssse3 sse4_1 sse4_2 aes pclmulqdq avx avx2";
    static final String VAES = NO_VAES + " avx512f vaes vpclmulqdq";

    private FakeMachines()
    {
    }

    /** A 2-vCPU cloud VM with one single-queue virtio NIC and no NUMA information. */
    static FakeMachine cloudVm(final Path root)
    {
        return new FakeMachine(root).processors(2, "Intel(R) Xeon(R) Processor", NO_VAES)
            .virtioNic("eth0", "virtio2", 1).virtualNic("lo");
    }

    /** A 4-core Atom-class branch box: AES-NI without VAES, two igc NICs with 4 queues. */
    static FakeMachine branchAppliance(final Path root)
    {
        return new FakeMachine(root).processors(4, "Intel(R) Atom(TM) x6425E", NO_VAES).numaNode(0, "0-3")
            .pciNic("enp1s0", "0000:01:00.0", "igc", 4, 2500, -1)
            .pciNic("enp2s0", "0000:02:00.0", "igc", 4, 1000, -1).virtualNic("lo");
    }

    /** A 12-core Xeon appliance with VAES and an ice NIC with 12 queues. */
    static FakeMachine midSizeAppliance(final Path root)
    {
        return new FakeMachine(root).processors(12, "Intel(R) Xeon(R) D-2796NT", VAES).numaNode(0, "0-11")
            .pciNic("ens1f0", "0000:3b:00.0", "ice", 12, 25000, 0).virtualNic("lo");
    }

    /** A 2-socket, 64-thread box with mlx5 NICs with 32 queues, huge pages and vfio-pci. */
    static FakeMachine aggregationBox(final Path root)
    {
        return new FakeMachine(root).processors(64, "AMD EPYC 9354 32-Core Processor", VAES)
            .numaNode(0, "0-15,32-47").numaNode(1, "16-31,48-63")
            .pciNic("ens2f0np0", "0000:41:00.0", "mlx5_core", 32, 100000, 0)
            .pciNic("ens2f1np1", "0000:41:00.1", "mlx5_core", 32, 100000, 1)
            .hugePages(1024).vfioPci().virtualNic("lo");
    }

    /** This machine's /proc/cpuinfo, saved as a fixture, with its virtio NIC. */
    static FakeMachine thisMachine(final Path root)
    {
        try (InputStream in = FakeMachines.class.getResourceAsStream("this-machine-cpuinfo.txt"))
        {
            if (in == null)
            {
                throw new IllegalStateException("this-machine-cpuinfo.txt is missing");
            }
            return new FakeMachine(root).cpuinfo(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                .numaNode(0, "0-1").virtioNic("eth0", "virtio2", 1).virtualNic("ifb0").virtualNic("lo");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
