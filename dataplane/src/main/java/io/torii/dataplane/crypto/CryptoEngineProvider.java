package io.torii.dataplane.crypto;

import java.util.Optional;

/**
 * One kind of crypto engine the selector can choose: its probe and its priority.
 */
public interface CryptoEngineProvider
{
    /** @return the engine's name, as configuration and {@code torii hw} spell it. */
    String name();

    /** @return higher wins among the available providers. */
    int priority();

    /**
     * Probes the machine once: library present, CPU features there.
     *
     * @return empty when the engine can run here, otherwise why not.
     */
    Optional<String> unavailableReason();

    /** @return a line saying which code path the engine will take on this CPU, for logs. */
    String describe();

    /**
     * @return a new engine for one worker thread; engines hold per-thread state.
     */
    CryptoEngine create();
}
