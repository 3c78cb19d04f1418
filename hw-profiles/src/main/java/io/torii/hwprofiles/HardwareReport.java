package io.torii.hwprofiles;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text {@code torii hw} prints about the machine and the profile: what was found, the profile
 * chosen and why, and what would change the choice.
 */
public final class HardwareReport
{
    /** The CPU flags that matter to the crypto engines, in the order printed. */
    private static final List<String> CRYPTO_FLAGS = List.of("aes", "pclmulqdq", "avx2", "avx512f", "vaes",
        "vpclmulqdq", "sha_ni", "gfni");
    private static final String INDENT = "  ";

    private HardwareReport()
    {
    }

    /**
     * @param survey what the machine says of itself.
     * @param choice the profile chosen for it.
     * @return the report, one line per element, without line ends.
     */
    public static List<String> lines(final HardwareSurvey survey, final ProfileChoice choice)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("processors:     " + survey.cpu().processorCount() + " (" +
            (survey.cpu().modelName().isEmpty() ? "model unknown" : survey.cpu().modelName()) + ")");
        lines.add("crypto flags:   " + CRYPTO_FLAGS.stream().map(flag -> survey.cpu().has(flag) ? flag : "-" + flag)
            .collect(Collectors.joining(" ")));
        lines.add("numa nodes:     " + (survey.numaNodes().isEmpty() ? "none published (one assumed)" :
            survey.numaNodes().stream().map(node -> node.id() + ": " + node.cpus().size() + " cpus")
                .collect(Collectors.joining(", "))));
        lines.add(survey.nics().isEmpty() ? "nics:           none found" : "nics:");
        for (final Nic nic : survey.nics())
        {
            lines.add(INDENT + describe(nic));
        }
        final String hugePages = survey.hugePageBytes() > 0 ? (survey.hugePageBytes() >> 20) + " MiB huge pages" :
            "no huge pages";
        lines.add("dpdk:           " + hugePages + ", " + (survey.vfioPci() ? "vfio-pci loaded" : "no vfio-pci"));
        lines.add("profile:        " + choice.profile().name() + ": " + choice.profile().summary());
        if (choice.met().isEmpty())
        {
            lines.add(INDENT + "the fallback: no bigger profile fits");
        }
        for (final Check met : choice.met())
        {
            lines.add(INDENT + "has " + met);
        }
        for (final ProfileChoice.Rejection rejection : choice.rejected())
        {
            lines.add(INDENT + "not " + rejection.profileName() + ", for want of:");
            rejection.unmet().forEach(unmet -> lines.add(INDENT + INDENT + unmet));
        }
        lines.add("would change:");
        for (final String change : choice.wouldChange())
        {
            lines.add(INDENT + change);
        }
        lines.add(INDENT + "or a configuration naming another profile: profile = " +
            String.join(" | ", HardwareProfiles.NAMES) + ", overriding any key below it");
        for (final String warning : choice.warnings())
        {
            lines.add("warning:        " + warning);
        }
        for (final String gap : survey.gaps())
        {
            lines.add("not read:       " + gap);
        }
        return lines;
    }

    private static String describe(final Nic nic)
    {
        if (!nic.physical())
        {
            return nic.name() + ": software interface";
        }
        return nic.name() + ": " + nic.driver() + " at " + nic.busAddress() + ", " + nic.receiveQueues() + " rx / " +
            nic.transmitQueues() + " tx queues" + (nic.speedMbps() < 0 ? "" : ", " + nic.speedMbps() + " Mb/s") +
            (nic.numaNode() < 0 ? "" : ", node " + nic.numaNode()) + ", XDP " +
            (nic.zeroCopy() ? "native, zero-copy" : nic.nativeXdp() ? "native" : "generic only");
    }
}
