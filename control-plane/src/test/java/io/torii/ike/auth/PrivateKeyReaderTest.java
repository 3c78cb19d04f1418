package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.Test;

/**
 * Private key files in the containers swanctl's folders hold, each made by pki or OpenSSL, and checked to
 * belong to its certificate by a signature the certificate's key verifies.
 */
class PrivateKeyReaderTest
{
    @Test
    void readsSec1EcdsaPemAsPkiWritesIt()
    {
        final PrivateKey key = read("moon-ecdsa.key", "");
        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(belongs(key, "moon-ecdsa.pem")).isTrue();
        assertThat(belongs(key, "sun-ecdsa.pem")).isFalse();
    }

    @Test
    void readsPkcs1RsaPem()
    {
        final PrivateKey key = read("moon-rsa.key", "");
        assertThat(key).isInstanceOf(RSAPrivateCrtKey.class);
        assertThat(belongs(key, "moon-rsa.pem")).isTrue();
    }

    @Test
    void readsPkcs8Ed25519Pem()
    {
        final PrivateKey key = read("moon-ed25519.key", "");
        assertThat(key).isInstanceOf(EdECPrivateKey.class);
        assertThat(belongs(key, "moon-ed25519.pem")).isTrue();
    }

    @Test
    void readsSec1EcdsaDerOnP384()
    {
        final PrivateKey key = read("moon-p384.der", "");
        assertThat(((ECPrivateKey)key).getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
        assertThat(belongs(key, "moon-p384.pem")).isTrue();
    }

    @Test
    void readsPkcs8AndEncryptedPkcs8WithItsPassphrase()
    {
        assertThat(belongs(read("moon-ecdsa.pkcs8", ""), "moon-ecdsa.pem")).isTrue();
        assertThat(belongs(read("moon-ecdsa-encrypted.pkcs8", "torii test"), "moon-ecdsa.pem")).isTrue();
    }

    @Test
    void anEncryptedKeyWithoutOrWithAWrongPassphraseIsRefusedWithAReason()
    {
        final byte[] file = CertificateFixtures.bytes("moon-ecdsa-encrypted.pkcs8");
        assertThat(PrivateKeyReader.read(file, new char[0]).reason()).contains("encrypted", "passphrase");
        assertThat(PrivateKeyReader.read(file, "wrong".toCharArray()).reason()).contains("cannot be decrypted");
    }

    @Test
    void garbageAndCertificatesAreRefusedNotThrown()
    {
        assertThat(PrivateKeyReader.read(new byte[0], new char[0]).reason()).contains("empty");
        assertThat(PrivateKeyReader.read(new byte[] {0x30, 0x03, 0x02, 0x01}, new char[0]).isOk()).isFalse();
        assertThat(PrivateKeyReader.read(CertificateFixtures.bytes("moon-ecdsa.pem"), new char[0]).reason())
            .contains("CERTIFICATE block is not a private key");
        assertThat(PrivateKeyReader.read("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n"
            .getBytes(StandardCharsets.US_ASCII), new char[0]).reason()).contains("not Base64");
    }

    private static PrivateKey read(final String name, final String passphrase)
    {
        final CredentialResult<PrivateKey> result = PrivateKeyReader.read(CertificateFixtures.bytes(name),
            passphrase.toCharArray());
        assertThat(result.isOk()).as(result.reason()).isTrue();
        return result.value();
    }

    private static boolean belongs(final PrivateKey key, final String certificate)
    {
        final Credentials credentials = new Credentials(java.nio.file.Path.of("."), java.util.Map.of(),
            java.util.Map.of(), java.util.List.of(key), java.util.List.of());
        return credentials.privateKeyFor(CertificateFixtures.certificate(certificate)).isPresent();
    }
}
