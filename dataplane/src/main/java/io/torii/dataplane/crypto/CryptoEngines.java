package io.torii.dataplane.crypto;

import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngineProvider;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngineProvider;
import java.util.List;

/**
 * The engines this build of Torii knows, for the selector.
 */
public final class CryptoEngines
{
    private CryptoEngines()
    {
    }

    /** @return a selector over ipsec-mb (preferred) and the JDK (fallback). */
    public static CryptoEngineSelector selector()
    {
        return new CryptoEngineSelector(List.of(new IpsecMbCryptoEngineProvider(), new JdkCryptoEngineProvider()));
    }
}
