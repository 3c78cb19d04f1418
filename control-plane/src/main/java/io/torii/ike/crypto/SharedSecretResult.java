package io.torii.ike.crypto;

import java.util.Objects;

/**
 * The outcome of {@link KeyExchange#sharedSecret}: the secret g^ir, or a {@link KeyExchangeFailure}.
 * The secret array belongs to the caller, who zeroes it once SKEYSEED is derived.
 */
public final class SharedSecretResult
{
    private final byte[] secret;
    private final KeyExchangeFailure failure;

    private SharedSecretResult(final byte[] secret, final KeyExchangeFailure failure)
    {
        this.secret = secret;
        this.failure = failure;
    }

    /**
     * @param secret the shared secret, taken as is (not copied).
     * @return a success.
     */
    public static SharedSecretResult success(final byte[] secret)
    {
        return new SharedSecretResult(Objects.requireNonNull(secret, "secret"), null);
    }

    /**
     * @param failure why there is no secret.
     * @return a failure.
     */
    public static SharedSecretResult failure(final KeyExchangeFailure failure)
    {
        return new SharedSecretResult(null, Objects.requireNonNull(failure, "failure"));
    }

    /** @return true when {@link #secret()} holds the shared secret. */
    public boolean isSuccess()
    {
        return secret != null;
    }

    /**
     * @return the shared secret itself (not a copy): the caller zeroes it when done.
     * @throws IllegalStateException on a failure.
     */
    public byte[] secret()
    {
        if (secret == null)
        {
            throw new IllegalStateException("no shared secret: " + failure);
        }
        return secret;
    }

    /** @return why there is no secret, or null on success. */
    public KeyExchangeFailure failure()
    {
        return failure;
    }

    @Override
    public String toString()
    {
        return "SharedSecretResult[" + (secret != null ? secret.length + " bytes" : failure) + "]";
    }
}
