package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest
{
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ScenarioRunner runner = new ScenarioRunner(BenchOptions.parse("--quick").options(), 2, lines::add);

    /** A scenario whose body the test gives. */
    private record Stub(Optional<String> missing, Duration budget, Body body) implements Scenario
    {
        @Override
        public String name()
        {
            return "stub";
        }

        @Override
        public String description()
        {
            return "a test scenario";
        }

        @Override
        public Optional<String> missingPrerequisite()
        {
            return missing;
        }

        @Override
        public Duration budget(final boolean quick)
        {
            return budget;
        }

        @Override
        public void run(final ScenarioContext context) throws Exception
        {
            body.run(context);
        }
    }

    @FunctionalInterface
    private interface Body
    {
        void run(ScenarioContext context) throws Exception;
    }

    @Test
    void aScenarioThatRunsReportsItsFigures()
    {
        final ScenarioOutcome outcome = runner.run(new Stub(Optional.empty(), Duration.ofSeconds(30), context ->
        {
            context.progress("measuring %d", 1);
            context.record(Figure.TORII, "m", "u", 2.0, "size", "64");
        }));

        assertThat(outcome.status()).isEqualTo(ScenarioOutcome.Status.RAN);
        assertThat(outcome.figures()).singleElement().satisfies(figure ->
        {
            assertThat(figure.scenario()).isEqualTo("stub");
            assertThat(figure.label("size")).isEqualTo("64");
        });
        assertThat(lines).contains("stub: measuring 1");
    }

    @Test
    void aMissingPrerequisiteSkipsWithoutRunning()
    {
        final ScenarioOutcome outcome = runner.run(new Stub(Optional.of("not root"), Duration.ofSeconds(30),
            context ->
            {
                throw new AssertionError("must not run");
            }));

        assertThat(outcome.status()).isEqualTo(ScenarioOutcome.Status.SKIPPED);
        assertThat(outcome.reason()).isEqualTo("not root");
    }

    @Test
    void aScenarioThatThrowsFailsAloneKeepingItsFigures()
    {
        final ScenarioOutcome skipped = runner.run(new Stub(Optional.empty(), Duration.ofSeconds(30), context ->
        {
            throw new ScenarioSkipped("charon missing");
        }));
        final ScenarioOutcome failed = runner.run(new Stub(Optional.empty(), Duration.ofSeconds(30), context ->
        {
            context.record(Figure.TORII, "m", "u", 1.0);
            throw new IllegalStateException("iperf3 said no\nsecond line");
        }));

        assertThat(skipped.status()).isEqualTo(ScenarioOutcome.Status.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("charon missing");
        assertThat(failed.status()).isEqualTo(ScenarioOutcome.Status.FAILED);
        assertThat(failed.reason()).isEqualTo("IllegalStateException: iperf3 said no");
        assertThat(failed.figures()).hasSize(1);
    }

    @Test
    void aScenarioPastItsBudgetIsInterruptedAndReportedAsTimedOut()
    {
        final CountDownLatch never = new CountDownLatch(1);
        final ScenarioOutcome outcome = runner.run(new Stub(Optional.empty(), Duration.ofMillis(200), context ->
        {
            context.record(Figure.TORII, "m", "u", 1.0);
            never.await();
        }));

        assertThat(outcome.status()).isEqualTo(ScenarioOutcome.Status.TIMED_OUT);
        assertThat(outcome.figures()).hasSize(1);
        assertThat(lines).anyMatch(line -> line.startsWith("stub: timed_out"));
    }
}
