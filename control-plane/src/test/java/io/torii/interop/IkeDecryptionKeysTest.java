package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading IKE keys from charon's IKE level 4 log, in the layout strongSwan 5.9.8 writes here. */
class IkeDecryptionKeysTest
{
    private static final IkeSaStatus GCM_SA = new IkeSaStatus("ab", Map.of("initiator-spi", "c5d4493d288a704a",
        "responder-spi", "66da186cb241970e", "encr-alg", "AES_GCM_16", "encr-keysize", "256"), List.of());

    @Test
    void aeadKeysIncludeTheSaltAndGiveAWiresharkRow()
    {
        final List<String> log = new ArrayList<>();
        log.add("17:44:42 14[IKE] Sk_d secret => 32 bytes @ 0x7f6c0c008c50");
        log.addAll(dump(32, 0x10));
        log.add("17:44:42 14[IKE] Sk_ei secret => 36 bytes @ 0x7f6c0c008bc0");
        log.addAll(dump(36, 0x40));
        log.add("17:44:42 14[IKE] Sk_er secret => 36 bytes @ 0x7f6c0c008be4");
        log.addAll(dump(36, 0x80));
        log.add("17:44:42 14[ENC] parsed IKE_AUTH request 1 [ IDi AUTH ]");

        final IkeDecryptionKeys.Result result = IkeDecryptionKeys.from(GCM_SA, log);

        assertThat(result.reason()).isEmpty();
        final IkeDecryptionKeys keys = result.keys().orElseThrow();
        assertThat(keys.skEi()).isEqualTo(hex(36, 0x40));
        assertThat(keys.skEr()).isEqualTo(hex(36, 0x80));
        assertThat(keys.tableRow()).isEqualTo("c5d4493d288a704a,66da186cb241970e," + hex(36, 0x40) + "," +
            hex(36, 0x80) + ",\"AES-GCM-256 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\"");
        assertThat(keys.toString()).doesNotContain(hex(36, 0x40).substring(0, 8));
    }

    @Test
    void theLastDumpOfAKeyWins()
    {
        final List<String> log = new ArrayList<>();
        for (final int first : new int[] {0x00, 0xA0})
        {
            log.add("10:00:00 07[IKE] Sk_ei secret => 36 bytes @ 0x1");
            log.addAll(dump(36, first));
            log.add("10:00:00 07[IKE] Sk_er secret => 36 bytes @ 0x2");
            log.addAll(dump(36, first + 1));
        }
        assertThat(IkeDecryptionKeys.from(GCM_SA, log).keys().orElseThrow().skEi()).isEqualTo(hex(36, 0xA0));
    }

    @Test
    void withoutKeyDumpsOrWithAnUnknownCipherThereIsAReason()
    {
        final IkeDecryptionKeys.Result noDumps = IkeDecryptionKeys.from(GCM_SA, List.of("10:00:00 07[IKE] hello"));
        assertThat(noDumps.keys()).isEmpty();
        assertThat(noDumps.reason()).contains("level 4");

        final IkeSaStatus cbc = new IkeSaStatus("ab", Map.of("encr-alg", "AES_CBC", "encr-keysize", "128",
            "integ-alg", "HMAC_SHA2_256_128"), List.of());
        final List<String> withoutIntegrityKeys = new ArrayList<>();
        withoutIntegrityKeys.add("10:00:00 07[IKE] Sk_ei secret => 16 bytes @ 0x1");
        withoutIntegrityKeys.addAll(dump(16, 1));
        withoutIntegrityKeys.add("10:00:00 07[IKE] Sk_er secret => 16 bytes @ 0x1");
        withoutIntegrityKeys.addAll(dump(16, 2));
        assertThat(IkeDecryptionKeys.from(cbc, withoutIntegrityKeys).keys()).as("CBC needs SK_ai and SK_ar")
            .isEmpty();

        final IkeSaStatus camellia = new IkeSaStatus("ab", Map.of("encr-alg", "CAMELLIA_CBC", "encr-keysize", "128"),
            List.of());
        assertThat(IkeDecryptionKeys.from(camellia, List.of()).reason()).contains("CAMELLIA_CBC");
    }

    /** charon's hex dump of {@code length} bytes counting up from {@code first}: 16 a line, then the text column. */
    private static List<String> dump(final int length, final int first)
    {
        final List<String> lines = new ArrayList<>();
        for (int offset = 0; offset < length; offset += 16)
        {
            final StringBuilder line = new StringBuilder("17:44:42 14[IKE] %4d: ".formatted(offset));
            final int end = Math.min(length, offset + 16);
            for (int i = offset; i < end; i++)
            {
                line.append("%02X ".formatted((first + i) & 0xFF));
            }
            line.append("   ".repeat(16 - (end - offset))).append(" AB CD ..");
            lines.add(line.toString());
        }
        return lines;
    }

    private static String hex(final int length, final int first)
    {
        final StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            hex.append("%02x".formatted((first + i) & 0xFF));
        }
        return hex.toString();
    }
}
