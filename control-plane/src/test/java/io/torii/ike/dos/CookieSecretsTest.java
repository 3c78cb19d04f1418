package io.torii.ike.dos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.6 cookies: bound to Ni, IPi and SPIi, honoured for one secret change and no longer. */
class CookieSecretsTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long LIFETIME = 10 * SECOND;

    private final byte[] nonce = nonce(1);
    private final InetAddress initiator = address("198.51.100.7");
    private final long spi = 0x0102_0304_0506_0708L;
    private final CookieSecrets secrets = new CookieSecrets(new SecureRandom(), LIFETIME, 0);

    private static byte[] nonce(final int seed)
    {
        final byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte)seed);
        return bytes;
    }

    private static InetAddress address(final String text)
    {
        try
        {
            return InetAddress.getByName(text);
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void aCookieVerifiesForTheRequestItWasMadeForAndNoOther()
    {
        final byte[] cookie = secrets.cookie(nonce, initiator, spi, SECOND);
        assertThat(cookie).hasSize(CookieSecrets.COOKIE_LENGTH);
        assertThat(secrets.verify(cookie, nonce, initiator, spi, 2 * SECOND)).isTrue();
        assertThat(secrets.verify(cookie, nonce(2), initiator, spi, 2 * SECOND)).as("other Ni").isFalse();
        assertThat(secrets.verify(cookie, nonce, address("198.51.100.8"), spi, 2 * SECOND)).as("other IPi").isFalse();
        assertThat(secrets.verify(cookie, nonce, initiator, spi + 1, 2 * SECOND)).as("other SPIi").isFalse();
        final byte[] flipped = cookie.clone();
        flipped[20] ^= 1;
        assertThat(secrets.verify(flipped, nonce, initiator, spi, 2 * SECOND)).as("altered").isFalse();
        assertThat(secrets.verify(Arrays.copyOf(cookie, 35), nonce, initiator, spi, 2 * SECOND)).isFalse();
        assertThat(secrets.verify(null, nonce, initiator, spi, 2 * SECOND)).isFalse();
    }

    @Test
    void aCookieOutlivesOneSecretChangeButNotTwo()
    {
        final byte[] cookie = secrets.cookie(nonce, initiator, spi, 9 * SECOND);
        assertThat(secrets.verify(cookie, nonce, initiator, spi, 11 * SECOND)).as("after one change").isTrue();
        assertThat(secrets.cookie(nonce, initiator, spi, 11 * SECOND)).as("new secret, new cookie")
            .isNotEqualTo(cookie);
        assertThat(secrets.verify(cookie, nonce, initiator, spi, 21 * SECOND)).as("after two changes").isFalse();
    }

    @Test
    void aLongIdleForgetsBothSecrets()
    {
        final byte[] cookie = secrets.cookie(nonce, initiator, spi, SECOND);
        assertThat(secrets.verify(cookie, nonce, initiator, spi, 35 * SECOND)).isFalse();
    }

    @Test
    void anotherRespondersCookieNeverVerifies()
    {
        final CookieSecrets other = new CookieSecrets(new SecureRandom(), LIFETIME, 0);
        assertThat(secrets.verify(other.cookie(nonce, initiator, spi, 0), nonce, initiator, spi, 0)).isFalse();
    }
}
