package io.torii.dataplane.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.crypto.jdk.JdkCryptoEngineProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CryptoEngineSelectorTest
{
    private record Fake(String name, int priority, Optional<String> unavailableReason) implements CryptoEngineProvider
    {
        @Override
        public String describe()
        {
            return name + " path";
        }

        @Override
        public CryptoEngine create()
        {
            throw new UnsupportedOperationException("selection only");
        }
    }

    private static final CryptoEngineProvider FAST = new Fake("fast", 100, Optional.empty());
    private static final CryptoEngineProvider MISSING = new Fake("missing", 200, Optional.of("library not found"));
    private static final CryptoEngineProvider JDK = new JdkCryptoEngineProvider();

    @Test
    void autoTakesTheHighestPriorityAvailableAndSaysWhatItPassedOver()
    {
        final CryptoEngineSelector.Selection selection =
            new CryptoEngineSelector(List.of(JDK, FAST, MISSING)).select("auto");

        assertThat(selection.provider()).isSameAs(FAST);
        assertThat(selection.reason()).contains("missing: library not found");
    }

    @Test
    void autoFallsBackToTheJdkWhenNothingElseRuns()
    {
        final CryptoEngineSelector.Selection selection = new CryptoEngineSelector(List.of(MISSING, JDK)).select(null);

        assertThat(selection.provider().name()).isEqualTo("jdk");
        assertThat(selection.provider().create()).isNotNull();
    }

    @Test
    void aNamedEngineIsForcedEvenOverABetterOne()
    {
        final CryptoEngineSelector.Selection selection =
            new CryptoEngineSelector(List.of(JDK, FAST)).select(" JDK ");

        assertThat(selection.provider()).isSameAs(JDK);
        assertThat(selection.reason()).isEqualTo("forced by configuration (-Dtorii.crypto.engine = jdk)");
    }

    @Test
    void theReasonNamesWhereTheEngineWasAskedFor()
    {
        final CryptoEngineSelector.Selection selection =
            new CryptoEngineSelector(List.of(JDK, FAST)).select("jdk", "crypto_engine in the configuration");

        assertThat(selection.provider()).isSameAs(JDK);
        assertThat(selection.reason()).isEqualTo("forced by configuration (crypto_engine in the configuration = jdk)");
    }

    @Test
    void forcingAnEngineThatCannotRunIsAnErrorWithTheProbesReason()
    {
        assertThatThrownBy(() -> new CryptoEngineSelector(List.of(JDK, MISSING)).select("missing"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("library not found");
    }

    @Test
    void anUnknownEngineNameListsTheKnownOnes()
    {
        assertThatThrownBy(() -> new CryptoEngineSelector(List.of(JDK, FAST)).select("openssl"))
            .hasMessageContaining("unknown crypto engine 'openssl'")
            .hasMessageContaining("fast")
            .hasMessageContaining("jdk");
    }
}
