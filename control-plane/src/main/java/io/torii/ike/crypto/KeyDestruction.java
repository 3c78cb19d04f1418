package io.torii.ike.crypto;

import java.security.PrivateKey;
import javax.security.auth.DestroyFailedException;

/** Best-effort destruction of JCE private keys, whose internal copies only the provider can wipe. */
final class KeyDestruction
{
    private KeyDestruction()
    {
    }

    /** Asks the key to destroy itself; providers that cannot do so leave it to the garbage collector. */
    static void destroy(final PrivateKey key)
    {
        if (key == null || key.isDestroyed())
        {
            return;
        }
        try
        {
            key.destroy();
        }
        catch (final DestroyFailedException ex)
        {
            // The JDK's DH, EC and XDH keys do not implement destroy(); dropping the reference is all we can do.
            return;
        }
    }
}
