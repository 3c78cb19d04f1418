package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' C limit is the same AES-GCM computation ESP seal makes: for sequence number 0
 * (IV all zeros) both give the same ciphertext and tag, so the ratio between them measures only
 * ESP's own work.
 */
class RawGcmTest
{
    @Test
    void rawGcmMatchesEspSealForAZeroIv()
    {
        final byte[] plaintext = TestPackets.pattern(1024, 5);
        final int icvOffset = TestPackets.icvOffset(8, plaintext.length);
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = IpsecMbKey.esp(manager, IpsecMbCipher.AES_GCM_128, TestPackets.pattern(20, 1),
                IpsecMbIntegrity.NONE, null, null);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment viaEsp = TestPackets.esp(arena, 0x1000, 0, new byte[8], plaintext, 16);
            final MemorySegment viaRaw = TestPackets.esp(arena, 0x1000, 0, new byte[8], plaintext, 16);
            jobs.set(0, viaEsp, ESP_OFFSET, icvOffset, key, false, 0);
            assertThat(manager.seal(jobs, 1)).isEqualTo(1);
            jobs.set(0, viaRaw, ESP_OFFSET, icvOffset, key, false, 0);
            assertThat(manager.rawGcmSeal(jobs, 1)).isEqualTo(1);

            assertThat(bytes(viaRaw, ESP_OFFSET + 16, plaintext.length + 16))
                .isEqualTo(bytes(viaEsp, ESP_OFFSET + 16, plaintext.length + 16))
                .isNotEqualTo(bytes(TestPackets.esp(arena, 0x1000, 0, new byte[8], plaintext, 16), ESP_OFFSET + 16,
                    plaintext.length + 16));
        }
    }

    @Test
    void rawGcmRefusesOtherCiphers()
    {
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = IpsecMbKey.esp(manager, IpsecMbCipher.CHACHA20_POLY1305, TestPackets.pattern(36, 1),
                IpsecMbIntegrity.NONE, null, null);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment packet = TestPackets.esp(arena, 0x1000, 1, new byte[8], new byte[64], 16);
            jobs.set(0, packet, ESP_OFFSET, TestPackets.icvOffset(8, 64), key, false, 0);
            assertThatThrownBy(() -> manager.rawGcmSeal(jobs, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
