package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mistakes a caller can make are refused in Java, before C sees them; what is wrong with a
 * received packet, or a reused IV, comes back from C as a job status without touching the packet.
 */
class IpsecMbMisuseTest
{
    private final Arena arena = Arena.ofConfined();
    private IpsecMbManager manager;
    private IpsecMbKey gcm;
    private EspJobArray jobs;
    private MemorySegment packet;

    @BeforeEach
    void setUp()
    {
        manager = IpsecMbManager.create(IpsecMbArch.AUTO);
        gcm = IpsecMbKey.esp(manager, IpsecMbCipher.AES_GCM_128, new byte[20], IpsecMbIntegrity.NONE, null, null);
        jobs = new EspJobArray();
        packet = TestPackets.esp(arena, 1, 1, new byte[8], new byte[32], 16);
    }

    @AfterEach
    void tearDown()
    {
        jobs.close();
        gcm.close();
        manager.close();
        arena.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65})
    void batchCountsOutsideOneToSixtyFourAreRefused(final int count)
    {
        jobs.set(0, packet, ESP_OFFSET, 48, gcm, false, 0);
        try (AhJobArray ahJobs = new AhJobArray())
        {
            assertThatThrownBy(() -> manager.seal(jobs, count)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 64");
            assertThatThrownBy(() -> manager.open(jobs, count)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> manager.sign(ahJobs, count)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> manager.verify(ahJobs, count)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aJobNeverSetIsRefused()
    {
        jobs.set(0, packet, ESP_OFFSET, 48, gcm, false, 0);

        assertThatThrownBy(() -> manager.seal(jobs, 2)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("job 1 was never set");
    }

    @Test
    void aKeyClosedAfterTheJobWasSetIsRefusedAtTheCall()
    {
        final IpsecMbKey key = IpsecMbKey.esp(
            manager, IpsecMbCipher.CHACHA20_POLY1305, new byte[36], IpsecMbIntegrity.NONE, null, null);
        jobs.set(0, packet, ESP_OFFSET, 48, key, false, 0);
        key.close();

        assertThatThrownBy(() -> manager.seal(jobs, 1)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
        assertThatThrownBy(() -> manager.open(jobs, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> jobs.set(0, packet, ESP_OFFSET, 48, key, false, 0))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullAddressesHeapMemoryAndOffsetsOutsideThePacketAreRefused()
    {
        final MemorySegment heap = MemorySegment.ofArray(new byte[100]);

        assertThatThrownBy(() -> jobs.set(0, 0L, 48, gcm, false, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("null packet address");
        assertThatThrownBy(() -> jobs.set(0, heap, 0, 48, gcm, false, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native");
        assertThatThrownBy(() -> jobs.set(0, packet, ESP_OFFSET, 49 + TestPackets.TAIL, gcm, false, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> jobs.set(0, packet, -1, 48, gcm, false, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jobs.set(0, packet.address(), 65536, gcm, false, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
        assertThatThrownBy(() -> jobs.set(64, packet, ESP_OFFSET, 48, gcm, false, 0))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void sealRefusesLengthsTheCipherCannotTake()
    {
        final IpsecMbKey cbc = IpsecMbKey.esp(manager, IpsecMbCipher.AES_CBC_128, new byte[16],
            IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32], new SecureRandom());
        try (cbc)
        {
            final MemorySegment big = arena.allocate(200);
            jobs.set(0, big, 0, 8 + 16 + 20, cbc, false, 0);
            assertThatThrownBy(() -> manager.seal(jobs, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16-byte blocks");
            jobs.set(0, big, 0, 8 + 4, gcm, false, 0);
            assertThatThrownBy(() -> manager.seal(jobs, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot seal -4 bytes");
        }
    }

    @Test
    void aKeyOfAnotherArchitectureIsRefused()
    {
        final IpsecMbArch other = manager.arch() == IpsecMbArch.SSE ? IpsecMbArch.AVX2 : IpsecMbArch.SSE;
        assumeThat(IpsecMb.supports(other)).as("needs a second architecture").isTrue();
        try (IpsecMbManager otherManager = IpsecMbManager.create(other))
        {
            jobs.set(0, packet, ESP_OFFSET, 48, gcm, false, 0);
            assertThatThrownBy(() -> otherManager.open(jobs, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key expanded for " + manager.arch());
        }
    }

    @Test
    void closedManagersAndJobArraysAreRefused()
    {
        final IpsecMbManager closedManager = IpsecMbManager.create(IpsecMbArch.AUTO);
        closedManager.close();
        closedManager.close();
        jobs.set(0, packet, ESP_OFFSET, 48, gcm, false, 0);

        assertThatThrownBy(() -> closedManager.seal(jobs, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IpsecMbKey.ah(closedManager, IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32]))
            .isInstanceOf(IllegalStateException.class);

        final EspJobArray closedJobs = new EspJobArray();
        closedJobs.close();
        assertThatThrownBy(() -> manager.seal(closedJobs, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closedJobs.status(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysThatMakeNoSaAreRefused()
    {
        assertThatThrownBy(() -> IpsecMbKey.esp(manager, IpsecMbCipher.AES_GCM_128, new byte[20],
            IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32], null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("makes no SA");
        assertThatThrownBy(() -> IpsecMbKey.esp(manager, IpsecMbCipher.AES_CBC_256, new byte[32],
            IpsecMbIntegrity.NONE, null, new SecureRandom()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("makes no SA");
        assertThatThrownBy(() -> IpsecMbKey.esp(manager, IpsecMbCipher.AES_GCM_256, new byte[32],
            IpsecMbIntegrity.NONE, null, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("36 bytes");
        assertThatThrownBy(() -> IpsecMbKey.esp(manager, IpsecMbCipher.AES_CBC_128, new byte[16],
            IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32], null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SecureRandom");
        assertThatThrownBy(() -> IpsecMbKey.ah(manager, IpsecMbIntegrity.HMAC_SHA2_512_256, new byte[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 1024");
        assertThatThrownBy(() -> IpsecMbKey.ah(manager, IpsecMbIntegrity.HMAC_SHA2_512_256, new byte[1025]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpsecMbKey.ah(manager, IpsecMbIntegrity.NONE, new byte[32]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callerMemoryForASchedulesMustBeNativeLargeEnoughAndAligned()
    {
        final long size = IpsecMbKey.scheduleSize();
        final MemorySegment aligned = arena.allocate(size + 64, 64);

        assertThatThrownBy(() -> IpsecMbKey.ah(aligned.asSlice(8, size), manager, IpsecMbIntegrity.HMAC_SHA2_256_128,
            new byte[32])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aligned to 64");
        assertThatThrownBy(() -> IpsecMbKey.ah(aligned.asSlice(0, size - 1), manager,
            IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpsecMbKey.ah(MemorySegment.ofArray(new long[(int)size / 8]), manager,
            IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ahTakesOnlyAhSchedules()
    {
        try (AhJobArray ahJobs = new AhJobArray())
        {
            assertThatThrownBy(() -> ahJobs.set(0, packet, 0, 10, packet, 20, gcm, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ESP schedule");
        }
    }

    @Test
    void aMalformedReceivedPacketIsInvalidInCAndLeftUntouched()
    {
        final IpsecMbKey cbc = IpsecMbKey.esp(manager, IpsecMbCipher.AES_CBC_256, new byte[32],
            IpsecMbIntegrity.HMAC_SHA2_256_128, new byte[32], new SecureRandom());
        try (cbc)
        {
            final byte[] before = bytes(packet);
            jobs.set(0, packet, ESP_OFFSET, 8 + 16 + 20, cbc, false, 0);
            jobs.set(1, packet, ESP_OFFSET, 4, gcm, false, 0);
            jobs.set(2, packet, ESP_OFFSET, 8 + 16 + 8, cbc, false, 0);

            assertThat(manager.open(jobs, 3)).isZero();
            assertThat(jobs.status(0)).as("CBC data not whole blocks").isEqualTo(JobStatus.INVALID);
            assertThat(jobs.status(1)).as("shorter than header and IV").isEqualTo(JobStatus.INVALID);
            assertThat(jobs.status(2)).as("no whole block").isEqualTo(JobStatus.INVALID);
            assertThat(bytes(packet)).isEqualTo(before);
        }
    }

    @Test
    void sealRefusesASequenceNumberThatDoesNotIncreaseAndWritesNothing()
    {
        final MemorySegment second = TestPackets.esp(arena, 1, 1, new byte[8], new byte[32], 16);
        final MemorySegment third = TestPackets.esp(arena, 1, 0, new byte[8], new byte[32], 16);
        jobs.set(0, packet, ESP_OFFSET, 48, gcm, true, 7);
        jobs.set(1, second, ESP_OFFSET, 48, gcm, true, 7);
        jobs.set(2, third, ESP_OFFSET, 48, gcm, true, 7);
        final byte[] secondBefore = bytes(second);
        final byte[] thirdBefore = bytes(third);

        assertThat(manager.seal(jobs, 3)).isEqualTo(1);
        assertThat(jobs.status(0)).isEqualTo(JobStatus.OK);
        assertThat(jobs.status(1)).as("the same sequence number again").isEqualTo(JobStatus.IV_REUSE);
        assertThat(jobs.status(2)).as("a lower one").isEqualTo(JobStatus.IV_REUSE);
        assertThat(bytes(second)).isEqualTo(secondBefore);
        assertThat(bytes(third)).isEqualTo(thirdBefore);
        assertThat(JobStatus.name(jobs.status(1))).isEqualTo("IV_REUSE");
    }

    @Test
    void onlyTheBadJobOfABatchFails()
    {
        final MemorySegment good = TestPackets.esp(arena, 1, 9, new byte[8], new byte[32], 16);
        jobs.set(0, good, ESP_OFFSET, 48, gcm, false, 0);
        assertThat(manager.seal(jobs, 1)).isEqualTo(1);

        jobs.set(0, packet, ESP_OFFSET, 4, gcm, false, 0);
        jobs.set(1, good, ESP_OFFSET, 48, gcm, false, 0);
        assertThat(manager.open(jobs, 2)).isEqualTo(1);
        assertThat(jobs.status(0)).isEqualTo(JobStatus.INVALID);
        assertThat(jobs.status(1)).isEqualTo(JobStatus.OK);
    }
}
