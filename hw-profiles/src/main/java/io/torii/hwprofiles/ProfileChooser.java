package io.torii.hwprofiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Picks the shipped profile that fits a machine: the biggest whose every requirement the machine
 * meets, falling back to {@link HardwareProfiles#GENERIC_VM}, which needs nothing. The requirements
 * follow from what each profile's settings ask of the machine: a CPU per worker plus one for the
 * control plane, a NIC queue per worker for AF_XDP and DPDK, the CPU features its crypto engine
 * is tuned for, huge pages and a user-space driver for DPDK.
 */
public final class ProfileChooser
{
    /**
     * The profiles above the fallback, best first, with the processors each is laid out for. AF_XDP
     * binds a socket per worker to one of the queues the kernel set up, so the AF_XDP profiles need a
     * queue pair per worker; DPDK sets up its own queues on the device, so the aggregation profile only
     * asks for a NIC that spreads flows over several queues at all.
     */
    private static final List<Rule> RULES = List.of(
        new Rule(HardwareProfiles.AGGREGATION, 32, List.of(processors(32), flag("vaes"), queuePairs(4,
            nic -> true, "a NIC"), hugePages(), dpdkDriver())),
        new Rule(HardwareProfiles.MID_SIZE, 8, List.of(processors(8), flag("vaes"), queuePairs(7, Nic::zeroCopy,
            "a NIC whose driver binds AF_XDP zero-copy"))),
        new Rule(HardwareProfiles.SMALL_BRANCH, 4, List.of(processors(4), flag("aes"), queuePairs(3, Nic::nativeXdp,
            "a NIC with native XDP"))));
    /** The generic VM profile pins a worker to CPU 1, so it needs two processors unchanged. */
    private static final int FALLBACK_PROCESSORS = 2;

    private ProfileChooser()
    {
    }

    /**
     * @param survey what the machine says of itself.
     * @return the profile that fits it best, with the reasons.
     */
    public static ProfileChoice choose(final HardwareSurvey survey)
    {
        final List<ProfileChoice.Rejection> rejected = new ArrayList<>();
        for (int rank = 0; rank < RULES.size(); rank++)
        {
            final Rule rule = RULES.get(rank);
            final List<Check> checks = rule.requirements().stream().map(r -> r.check(survey)).toList();
            final List<Check> unmet = checks.stream().filter(c -> !c.met()).toList();
            if (!unmet.isEmpty())
            {
                rejected.add(new ProfileChoice.Rejection(rule.profile(), unmet));
                continue;
            }
            final List<String> wouldChange = new ArrayList<>(above(rejected));
            final String below = rank + 1 < RULES.size() ? firstFitting(survey, rank + 1) :
                HardwareProfiles.GENERIC_VM;
            wouldChange.add(below + " if the machine lacked any of: " +
                checks.stream().map(Check::needs).collect(Collectors.joining("; ")));
            if (survey.cpu().processorCount() > rule.processors())
            {
                wouldChange.add(survey.cpu().processorCount() + " processors, more than the " + rule.processors() +
                    " " + rule.profile() + " lays out: override workers and cpus to use the rest");
            }
            return new ProfileChoice(HardwareProfiles.load(rule.profile()), checks, rejected, wouldChange,
                numaWarnings(survey));
        }
        final List<String> warnings = new ArrayList<>();
        if (survey.cpu().processorCount() < FALLBACK_PROCESSORS)
        {
            warnings.add(survey.cpu().processorCount() + " processor(s): " + HardwareProfiles.GENERIC_VM +
                " pins a worker to CPU 1 and the control plane to CPU 0; set cpus = and control_cpu = (empty, " +
                "no pinning) in the configuration");
        }
        return new ProfileChoice(HardwareProfiles.load(HardwareProfiles.GENERIC_VM), List.of(), rejected,
            above(rejected), warnings);
    }

    /**
     * On a machine of several NUMA nodes, a worker on another node than its NIC reads every packet
     * across the interconnect; the profiles cannot know which node the NIC is on, so say it.
     */
    private static List<String> numaWarnings(final HardwareSurvey survey)
    {
        final List<String> warnings = new ArrayList<>();
        if (survey.numaNodes().size() < 2)
        {
            return warnings;
        }
        for (final Nic nic : survey.physicalNics())
        {
            survey.numaNodes().stream().filter(node -> node.id() == nic.numaNode()).findFirst().ifPresent(node ->
                warnings.add(nic.name() + " hangs off NUMA node " + node.id() + " (CPUs " + ranges(node.cpus()) +
                    "): workers on its queues run best on those CPUs; set cpus = accordingly"));
        }
        return warnings;
    }

    /** @return CPUs in the kernel's list format, {@code 0-15,32-47}. */
    private static String ranges(final List<Integer> cpus)
    {
        final StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < cpus.size())
        {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1)
            {
                j++;
            }
            text.append(text.isEmpty() ? "" : ",").append(cpus.get(i)).append(j > i ? "-" + cpus.get(j) : "");
            i = j + 1;
        }
        return text.toString();
    }

    /** @return for the profile just above the chosen one, what the machine would need to have. */
    private static List<String> above(final List<ProfileChoice.Rejection> rejected)
    {
        if (rejected.isEmpty())
        {
            return List.of();
        }
        final ProfileChoice.Rejection next = rejected.getLast();
        return List.of(next.profileName() + " if the machine had: " +
            next.unmet().stream().map(Check::needs).collect(Collectors.joining("; ")));
    }

    private static String firstFitting(final HardwareSurvey survey, final int fromRank)
    {
        for (final Rule rule : RULES.subList(fromRank, RULES.size()))
        {
            if (rule.requirements().stream().allMatch(r -> r.test().test(survey)))
            {
                return rule.profile();
            }
        }
        return HardwareProfiles.GENERIC_VM;
    }

    private static Requirement processors(final int least)
    {
        return new Requirement(least + " or more processors", s -> s.cpu().processorCount() >= least,
            s -> s.cpu().processorCount() + " processors");
    }

    private static Requirement flag(final String flag)
    {
        return new Requirement("the CPU flag " + flag, s -> s.cpu().has(flag),
            s -> s.cpu().has(flag) ? flag + " present" : "no " + flag);
    }

    private static Requirement queuePairs(final int least, final Predicate<Nic> kind, final String what)
    {
        return new Requirement(what + " with " + least + " or more queue pairs",
            s -> best(s, kind).filter(nic -> nic.queuePairs() >= least).isPresent(),
            s -> best(s, kind).map(ProfileChooser::describe).orElse(s.physicalNics().isEmpty() ? "no physical NIC" :
                "none such among " + s.physicalNics().stream().map(ProfileChooser::describe)
                    .collect(Collectors.joining(", "))));
    }

    private static Requirement hugePages()
    {
        return new Requirement("huge pages reserved, for DPDK's memory", s -> s.hugePageBytes() > 0,
            s -> s.hugePageBytes() > 0 ? (s.hugePageBytes() >> 20) + " MiB of huge pages" : "no huge pages reserved");
    }

    private static Requirement dpdkDriver()
    {
        // mlx5 NICs stay with their kernel driver under DPDK (bifurcated); others need vfio-pci.
        final Predicate<HardwareSurvey> mlx5 = s -> s.physicalNics().stream().anyMatch(n -> n.driver().equals(
            "mlx5_core"));
        return new Requirement("vfio-pci loaded or an mlx5 NIC, for DPDK to drive the NIC",
            s -> s.vfioPci() || mlx5.test(s),
            s -> s.vfioPci() ? "vfio-pci loaded" : mlx5.test(s) ? "an mlx5 NIC" : "no vfio-pci, no mlx5 NIC");
    }

    /** @return the physical NIC of that kind with the most queue pairs. */
    private static Optional<Nic> best(final HardwareSurvey survey, final Predicate<Nic> kind)
    {
        return survey.physicalNics().stream().filter(kind).max(Comparator.comparingInt(Nic::queuePairs));
    }

    private static String describe(final Nic nic)
    {
        return nic.name() + " (" + nic.driver() + ", " + nic.queuePairs() + " queue pair" +
            (nic.queuePairs() == 1 ? "" : "s") + ")";
    }

    /**
     * @param profile the profile's name.
     * @param processors the processors its CPU layout is written for.
     * @param requirements what it needs of the machine.
     */
    private record Rule(String profile, int processors, List<Requirement> requirements)
    {
    }
}
