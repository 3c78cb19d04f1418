package io.torii.perf.lab;

import java.io.Serial;

/** Thrown by a scenario that finds, once started, that it cannot run here; the message says why. */
public final class ScenarioSkipped extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the scenario cannot run.
     */
    public ScenarioSkipped(final String reason)
    {
        super(reason);
    }
}
