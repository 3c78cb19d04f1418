package io.torii.ike.dos;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Makes and checks the COOKIE notification data of a stateless responder (RFC 7296 §2.6):
 * {@code Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi | <secret>)}, here a 4-byte version and
 * SHA-256, 36 bytes in all (the notify allows 1 to 64). The secret changes every {@code lifetime}; a
 * cookie made with the secret before the current one still verifies, so an initiator that got its cookie
 * just before a change is not turned away, and one older than that never does.
 *
 * <p>Not thread-safe: one per IKE handler thread, each with secrets of its own (an initiator's retry
 * reaches the same handler, which the IKE SA's SPI picks).
 */
public final class CookieSecrets
{
    /** Bytes of a cookie: version and SHA-256 hash. */
    public static final int COOKIE_LENGTH = 4 + 32;
    private static final int SECRET_LENGTH = 32;

    private final SecureRandom random;
    private final long lifetimeNanos;
    private final MessageDigest sha256;
    private byte[] current = new byte[SECRET_LENGTH];
    private byte[] previous = new byte[SECRET_LENGTH];
    private int version;
    private long changedAt;

    /**
     * @param random where secrets come from.
     * @param lifetimeNanos how long one secret makes cookies, more than 0.
     * @param nowNanos the time now, on the clock later calls use.
     */
    public CookieSecrets(final SecureRandom random, final long lifetimeNanos, final long nowNanos)
    {
        if (lifetimeNanos <= 0)
        {
            throw new IllegalArgumentException("cookie secret lifetime " + lifetimeNanos + " ns: expected more than 0");
        }
        this.random = Objects.requireNonNull(random, "random");
        this.lifetimeNanos = lifetimeNanos;
        try
        {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK has no SHA-256", ex);
        }
        random.nextBytes(current);
        random.nextBytes(previous);
        changedAt = nowNanos;
    }

    /**
     * @param initiatorNonce Ni from the IKE_SA_INIT request.
     * @param initiator the request's source address.
     * @param initiatorSpi SPIi from its IKE header.
     * @param nowNanos the time now.
     * @return the cookie to send back in a COOKIE notify.
     */
    public byte[] cookie(final byte[] initiatorNonce, final InetAddress initiator, final long initiatorSpi,
        final long nowNanos)
    {
        rotate(nowNanos);
        return make(version, current, initiatorNonce, initiator, initiatorSpi);
    }

    /**
     * @param cookie the COOKIE notify data a request carried.
     * @param initiatorNonce Ni from that request.
     * @param initiator its source address.
     * @param initiatorSpi SPIi from its IKE header.
     * @param nowNanos the time now.
     * @return true when the cookie is one this responder made, with the current or the previous secret,
     *         for this nonce, address and SPI; compared in constant time.
     */
    public boolean verify(final byte[] cookie, final byte[] initiatorNonce, final InetAddress initiator,
        final long initiatorSpi, final long nowNanos)
    {
        rotate(nowNanos);
        if (cookie == null || cookie.length != COOKIE_LENGTH)
        {
            return false;
        }
        final int cookieVersion = ByteBuffer.wrap(cookie).getInt();
        final byte[] secret = cookieVersion == version ? current : cookieVersion == version - 1 ? previous : null;
        if (secret == null)
        {
            return false;
        }
        return MessageDigest.isEqual(cookie, make(cookieVersion, secret, initiatorNonce, initiator, initiatorSpi));
    }

    private void rotate(final long nowNanos)
    {
        final long periods = (nowNanos - changedAt) / lifetimeNanos;
        if (periods <= 0)
        {
            return;
        }
        final byte[] old = previous;
        previous = current;
        current = old;
        random.nextBytes(current);
        if (periods > 1)
        {
            // Idle for more than a lifetime: the previous secret is too old to honour as well.
            random.nextBytes(previous);
        }
        version += 1;
        changedAt += periods * lifetimeNanos;
    }

    private byte[] make(final int secretVersion, final byte[] secret, final byte[] initiatorNonce,
        final InetAddress initiator, final long initiatorSpi)
    {
        sha256.reset();
        sha256.update(initiatorNonce);
        sha256.update(initiator.getAddress());
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(0, initiatorSpi).array());
        sha256.update(secret);
        final byte[] hash = sha256.digest();
        final byte[] cookie = ByteBuffer.allocate(COOKIE_LENGTH).putInt(secretVersion).put(hash).array();
        Arrays.fill(hash, (byte)0);
        return cookie;
    }
}
