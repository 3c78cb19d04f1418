package io.torii.perf.lab.scenario;

import io.torii.perf.lab.Scenario;
import io.torii.perf.lab.ScenarioContext;
import io.torii.perf.lab.ScenarioSkipped;
import java.time.Duration;
import java.util.Optional;

/** Placeholder. */
public final class IkeScenario implements Scenario
{
    @Override
    public String name()
    {
        return "x";
    }

    @Override
    public String description()
    {
        return "x";
    }

    @Override
    public Optional<String> missingPrerequisite()
    {
        return Optional.empty();
    }

    @Override
    public Duration budget(final boolean quick)
    {
        return Duration.ofSeconds(10);
    }

    @Override
    public void run(final ScenarioContext context) throws Exception
    {
        throw new ScenarioSkipped("not built yet");
    }
}
