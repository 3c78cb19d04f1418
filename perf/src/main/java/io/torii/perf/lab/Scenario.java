package io.torii.perf.lab;

import java.time.Duration;
import java.util.Optional;

/**
 * One named part of {@code ./torii bench}: it checks what it needs, then measures within its time budget
 * and records {@link Figure}s through its context as it goes, so a scenario stopped at its deadline still
 * leaves what it measured.
 */
public interface Scenario
{
    /** @return the name given on the command line, such as {@code loop}. */
    String name();

    /** @return one line saying what it measures. */
    String description();

    /** @return why it cannot run on this machine (not root, a program missing), or empty when it can. */
    Optional<String> missingPrerequisite();

    /**
     * @param quick whether the quick subset runs.
     * @return how long it may take before the lab stops waiting for it.
     */
    Duration budget(boolean quick);

    /**
     * Measures, recording figures and progress through the context.
     *
     * @param context where figures and progress go, and the run's options.
     * @throws ScenarioSkipped when a prerequisite turns out missing only once it started.
     * @throws Exception when the measurement fails; the lab reports it and goes on with the next scenario.
     */
    void run(ScenarioContext context) throws Exception;
}
