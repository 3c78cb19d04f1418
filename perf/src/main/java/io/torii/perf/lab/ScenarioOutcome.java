package io.torii.perf.lab;

import java.util.List;

/**
 * How one scenario went, for the summary's scenario table.
 *
 * @param scenario its name.
 * @param status what happened.
 * @param reason why it was skipped, failed or stopped; empty when it ran.
 * @param seconds how long it took.
 * @param figures what it recorded, also when it did not finish.
 */
public record ScenarioOutcome(String scenario, Status status, String reason, double seconds, List<Figure> figures)
{
    /** What happened to a scenario. */
    public enum Status
    {
        /** It ran to its end. */
        RAN,
        /** A prerequisite was missing; nothing ran. */
        SKIPPED,
        /** It threw; the reason is the error. */
        FAILED,
        /** It passed its time budget and was stopped. */
        TIMED_OUT
    }

    /** Copies the figures. */
    public ScenarioOutcome
    {
        figures = List.copyOf(figures);
    }
}
