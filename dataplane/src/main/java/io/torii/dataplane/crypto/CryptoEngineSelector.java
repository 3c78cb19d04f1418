package io.torii.dataplane.crypto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the crypto engine by probe and priority, or as configured, and says why.
 *
 * <p>{@code auto} takes the available provider with the highest priority; naming an engine forces
 * it and fails with the probe's reason when it cannot run. The JDK engine is always available, so
 * {@code auto} always finds one.
 */
public final class CryptoEngineSelector
{
    /** The system property that forces an engine: {@code auto}, {@code ipsec-mb} or {@code jdk}. */
    public static final String ENGINE_PROPERTY = "torii.crypto.engine";
    /** Let the probes decide. */
    public static final String AUTO = "auto";

    private static final System.Logger LOG = System.getLogger("io.torii.crypto");

    private final List<CryptoEngineProvider> providers;

    /**
     * @param providers the engines this build knows.
     */
    public CryptoEngineSelector(final List<CryptoEngineProvider> providers)
    {
        final List<CryptoEngineProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(CryptoEngineProvider::priority).reversed());
        this.providers = List.copyOf(sorted);
    }

    /**
     * The outcome of a selection.
     *
     * @param provider the chosen engine's provider.
     * @param reason why it was chosen, with why better ones were passed over.
     */
    public record Selection(CryptoEngineProvider provider, String reason)
    {
    }

    /**
     * @param requested {@link #AUTO} or an engine's name; null means auto.
     * @return the chosen provider and why.
     * @throws IllegalArgumentException when a named engine is unknown or cannot run here.
     */
    public Selection select(final String requested)
    {
        return select(requested, "-D" + ENGINE_PROPERTY);
    }

    /**
     * @param requested {@link #AUTO} or an engine's name; null means auto.
     * @param source where the request was written, for the reason: {@code -Dtorii.crypto.engine} or a
     *        configuration key.
     * @return the chosen provider and why.
     * @throws IllegalArgumentException when a named engine is unknown or cannot run here.
     */
    public Selection select(final String requested, final String source)
    {
        final String wanted = requested == null || requested.isBlank() ? AUTO : requested.strip().toLowerCase(Locale.ROOT);
        if (!wanted.equals(AUTO))
        {
            for (final CryptoEngineProvider provider : providers)
            {
                if (provider.name().equals(wanted))
                {
                    final Optional<String> reason = provider.unavailableReason();
                    if (reason.isPresent())
                    {
                        throw new IllegalArgumentException("crypto engine " + wanted + " was requested but cannot run: " +
                            reason.get());
                    }
                    return new Selection(provider, "forced by configuration (" + source + " = " + wanted + ")");
                }
            }
            throw new IllegalArgumentException("unknown crypto engine '" + wanted + "'; expected auto or one of " +
                providers.stream().map(CryptoEngineProvider::name).toList());
        }
        final StringBuilder passedOver = new StringBuilder();
        for (final CryptoEngineProvider provider : providers)
        {
            final Optional<String> reason = provider.unavailableReason();
            if (reason.isEmpty())
            {
                final String why = passedOver.isEmpty() ? "highest priority available" :
                    "highest priority available; passed over " + passedOver;
                return new Selection(provider, why);
            }
            passedOver.append(passedOver.isEmpty() ? "" : "; ").append(provider.name()).append(": ").append(reason.get());
        }
        throw new IllegalStateException("no crypto engine can run: " + passedOver);
    }

    /**
     * Selects as configured by {@link #ENGINE_PROPERTY} and logs the choice once per call.
     *
     * @return the selection.
     */
    public Selection selectAndLog()
    {
        final Selection selection = select(System.getProperty(ENGINE_PROPERTY));
        LOG.log(System.Logger.Level.INFO, "crypto engine {0} ({1}): {2}", selection.provider().name(),
            selection.provider().describe(), selection.reason());
        return selection;
    }
}
