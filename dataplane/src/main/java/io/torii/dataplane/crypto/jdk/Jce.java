package io.torii.dataplane.crypto.jdk;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Obtains and initialises JCE objects when a transform is built. Every JDK ships the algorithms used
 * here (SunJCE), so a failure is a broken runtime, reported as {@link IllegalStateException}.
 */
final class Jce
{
    private Jce()
    {
    }

    /**
     * @param transformation such as {@code AES/GCM/NoPadding}.
     * @return a new, uninitialised cipher.
     */
    static Cipher cipher(final String transformation)
    {
        try
        {
            return Cipher.getInstance(transformation);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK has no " + transformation, ex);
        }
    }

    /**
     * @return a cipher initialised once, for modes whose state the transform resets itself (CBC, ECB).
     */
    static Cipher cipher(final String transformation, final int mode, final Key key, final AlgorithmParameterSpec spec)
    {
        final Cipher cipher = cipher(transformation);
        try
        {
            cipher.init(mode, key, spec);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot initialise " + transformation, ex);
        }
        return cipher;
    }

    /**
     * @param algorithm such as {@code HmacSHA256}.
     * @param key the key, of that algorithm.
     * @return an initialised MAC.
     */
    static Mac mac(final String algorithm, final Key key)
    {
        try
        {
            final Mac mac = Mac.getInstance(algorithm);
            mac.init(key);
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK has no " + algorithm, ex);
        }
    }
}
