package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.CryptoEngineProvider;
import java.util.Optional;

/**
 * The JDK engine: always available, lowest priority, the fallback and the test oracle.
 */
public final class JdkCryptoEngineProvider implements CryptoEngineProvider
{
    @Override
    public String name()
    {
        return JdkCryptoEngine.NAME;
    }

    @Override
    public int priority()
    {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason()
    {
        return Optional.empty();
    }

    @Override
    public String describe()
    {
        return "JCE of " + System.getProperty("java.vendor") + " " + Runtime.version();
    }

    @Override
    public CryptoEngine create()
    {
        return new JdkCryptoEngine();
    }
}
