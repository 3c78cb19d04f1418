package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The secrets section: prefixes, identities, and secrets written as text, 0x hex or 0s Base64.
 */
class SecretsReaderTest
{
    private static final String SECRETS = """
        secrets {
            ike-hex {
                id-a = gw-a.example.net
                id-b = 192.0.2.1
                secret = 0xDEADbeef00
            }
            ike-base64 {
                secret = 0sc2VjcmV0IGtleQ==
            }
            eap-carol {
                id = carol@example.net
                secret = "Str0ng pass, with # and }"
            }
            ntlm-dave {
                id = dave
                secret = 0X8846f7eaee8fb117ad06bdd830b7586c
            }
            rsa-gw {
                file = gw.pem
                secret = 0xnot-decoded
            }
            token-card {
                handle = 0a1b
                slot = 2
                module = opensc
                pin = 1234
            }
            ppk-1 {
                id = ppk-id
                secret = 0s
            }
        }
        """;

    private final SwanctlLoad load = SwanctlReader.read(SECRETS, "secrets.conf");

    @Test
    void hexSecretsDecodeIgnoringCase()
    {
        final SharedSecret secret = load.config().sharedSecrets().get(0);

        assertThat(secret.type()).isEqualTo(SharedSecret.Type.IKE);
        assertThat(secret.ids()).containsExactly("gw-a.example.net", "192.0.2.1");
        assertThat(secret.secret().bytes()).containsExactly(0xde, 0xad, 0xbe, 0xef, 0x00);
        assertThat(load.config().sharedSecrets().get(3).secret().bytes())
            .isEqualTo(HexFormat.of().parseHex("8846f7eaee8fb117ad06bdd830b7586c"));
    }

    @Test
    void base64SecretsDecode()
    {
        assertThat(load.config().sharedSecrets().get(1).secret().bytes())
            .isEqualTo("secret key".getBytes(StandardCharsets.US_ASCII));
        assertThat(load.config().sharedSecrets().get(4).secret().length()).isZero();
    }

    @Test
    void plainSecretsAreTheirText()
    {
        final SharedSecret eap = load.config().sharedSecrets().get(2);

        assertThat(eap.type()).isEqualTo(SharedSecret.Type.EAP);
        assertThat(eap.secret().matches("Str0ng pass, with # and }".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(eap.secret().matches("Str0ng pass".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void keyPassphrasesAreNotDecoded()
    {
        final PrivateKeySecret rsa = load.config().privateKeys().get(0);

        assertThat(rsa.kind()).isEqualTo("rsa");
        assertThat(rsa.file()).isEqualTo("gw.pem");
        assertThat(rsa.secret().bytes()).isEqualTo("0xnot-decoded".getBytes(StandardCharsets.US_ASCII));
        final PrivateKeySecret token = load.config().privateKeys().get(1);
        assertThat(token.kind()).isEqualTo("token");
        assertThat(token.handle()).isEqualTo("0a1b");
        assertThat(token.slot()).isEqualTo(2);
        assertThat(token.module()).isEqualTo("opensc");
        assertThat(token.secret().bytes()).isEqualTo("1234".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void tokensAndPpksAreWarnedAbout()
    {
        assertThat(load.warnings()).extracting(ConfigWarning::key).containsExactly("token-card", "ppk-1");
        assertThat(load.warnings()).extracting(w -> w.location().line()).containsExactly(22, 28);
    }

    @Test
    void nothingSecretIsShown()
    {
        final String shown = load.config().sharedSecrets() + " " + load.config().privateKeys();

        assertThat(shown).contains("ike-hex", "5 bytes").doesNotContainIgnoringCase("deadbeef")
            .doesNotContain("Str0ng").doesNotContain("1234").doesNotContain("not-decoded");
    }

    @Test
    void destroyZeroesEverySecret()
    {
        final SwanctlConfig config = SwanctlReader.read(SECRETS, "secrets.conf").config();

        config.destroySecrets();

        assertThat(config.sharedSecrets().get(0).secret().bytes()).containsOnly(0);
        assertThat(config.privateKeys().get(1).secret().bytes()).containsOnly(0);
    }
}
