package io.torii.ike.auth;

import java.util.Objects;

/**
 * What reading or checking a credential gave: the value, or why there is none, in words for the log.
 *
 * @param <T> the value's type.
 */
public sealed interface CredentialResult<T>
{
    /**
     * @param value what was read.
     * @param <T> its type.
     * @return a success.
     */
    static <T> CredentialResult<T> ok(final T value)
    {
        return new Ok<>(value);
    }

    /**
     * @param reason why there is no value.
     * @param <T> the type there would have been.
     * @return a refusal.
     */
    static <T> CredentialResult<T> refused(final String reason)
    {
        return new Refused<>(reason);
    }

    /** @return true for a value. */
    default boolean isOk()
    {
        return this instanceof Ok;
    }

    /**
     * @return the value.
     * @throws IllegalStateException for a refusal, with its reason.
     */
    default T value()
    {
        if (this instanceof Ok<T>(final T value))
        {
            return value;
        }
        throw new IllegalStateException(((Refused<T>)this).reason());
    }

    /** @return the reason of a refusal, or empty for a value. */
    default String reason()
    {
        return this instanceof Refused<T>(final String reason) ? reason : "";
    }

    /**
     * A value.
     *
     * @param value what was read.
     * @param <T> its type.
     */
    record Ok<T>(T value) implements CredentialResult<T>
    {
        /** Checks the value is there. */
        public Ok
        {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * No value.
     *
     * @param reason why, in words for the log.
     * @param <T> the type there would have been.
     */
    record Refused<T>(String reason) implements CredentialResult<T>
    {
        /** Checks the reason is there. */
        public Refused
        {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
