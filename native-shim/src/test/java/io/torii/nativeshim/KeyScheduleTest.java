package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key schedules: their size, zeroing on close, and the CBC IV construction torii_shim.h documents.
 */
class KeyScheduleTest
{
    static Iterable<Suite> suites()
    {
        return Suite.all();
    }

    @Test
    void theScheduleSizeIsWholeCacheLines()
    {
        assertThat(IpsecMbKey.scheduleSize()).isPositive();
        assertThat(IpsecMbKey.scheduleSize() % IpsecMbKey.ALIGNMENT).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void closeZeroesEveryByteOfASchedule(final Suite suite)
    {
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO))
        {
            final MemorySegment memory = arena.allocate(IpsecMbKey.scheduleSize(), IpsecMbKey.ALIGNMENT);
            memory.fill((byte)0x5A);
            final IpsecMbKey key = IpsecMbKey.esp(memory, manager, suite.cipher(), suite.cipherKey(),
                suite.integrity(), suite.integrityKey(), new java.security.SecureRandom());
            assertThat(nonZero(memory)).as("expanded keys").isGreaterThan(32);
            assertThat(key.toString()).doesNotContainIgnoringCase("5a").contains(suite.cipher().name());

            key.close();

            assertThat(nonZero(memory)).isZero();
            assertThat(key.isOpen()).isFalse();
            key.close();
        }
    }

    @Test
    void cbcIvsAreAesOfPrefixAndCounterUnderTheIvKey() throws Exception
    {
        final byte[] seed = TestPackets.pattern(IpsecMbKey.IV_SEED_LENGTH, 0x42);
        final Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, 0, 16, "AES"));
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = IpsecMbKey.espWithSeed(manager, IpsecMbCipher.AES_CBC_256, new byte[32],
                IpsecMbIntegrity.HMAC_SHA2_512_256, new byte[64], seed);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment[] packets = new MemorySegment[3];
            for (int i = 0; i < packets.length; i++)
            {
                packets[i] = TestPackets.esp(arena, 5, i, new byte[16], new byte[32], 32);
                jobs.set(i, packets[i], ESP_OFFSET, 8 + 16 + 32, key, false, 0);
            }
            assertThat(manager.seal(jobs, packets.length)).isEqualTo(packets.length);

            for (int n = 1; n <= packets.length; n++)
            {
                final byte[] block = TestPackets.concat(Arrays.copyOfRange(seed, 16, 24), TestPackets.be64(n));
                assertThat(bytes(packets[n - 1], ESP_OFFSET + 8, 16)).as("IV %d", n).isEqualTo(ecb.doFinal(block));
            }
        }
    }

    @Test
    void twoKeysFromOneSeedSourceDrawDifferentIvs()
    {
        final java.security.SecureRandom random = new java.security.SecureRandom();
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey first = IpsecMbKey.esp(manager, IpsecMbCipher.AES_CBC_128, new byte[16],
                IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32], random);
            IpsecMbKey second = IpsecMbKey.esp(manager, IpsecMbCipher.AES_CBC_128, new byte[16],
                IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32], random);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment a = TestPackets.esp(arena, 5, 1, new byte[16], new byte[16], 16);
            final MemorySegment b = TestPackets.esp(arena, 5, 1, new byte[16], new byte[16], 16);
            jobs.set(0, a, ESP_OFFSET, 40, first, false, 0);
            jobs.set(1, b, ESP_OFFSET, 40, second, false, 0);
            assertThat(manager.seal(jobs, 2)).isEqualTo(2);

            assertThat(bytes(a, ESP_OFFSET + 8, 16)).isNotEqualTo(bytes(b, ESP_OFFSET + 8, 16));
        }
    }

    private static long nonZero(final MemorySegment memory)
    {
        long count = 0;
        for (long i = 0; i < memory.byteSize(); i++)
        {
            count += memory.get(ValueLayout.JAVA_BYTE, i) != 0 ? 1 : 0;
        }
        return count;
    }
}
