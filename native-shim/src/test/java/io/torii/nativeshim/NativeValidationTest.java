package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.bytes;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * The C side's own checks, reached by writing jobs straight into the job array and calling the
 * bindings past the Java checks: whatever C can tell is wrong with a job (no key, a wiped or
 * misaligned schedule, an unknown flag, no packet, lengths out of range, an ESP schedule for AH)
 * makes that job INVALID without touching memory, and a batch call with no manager, no jobs or a
 * count out of range returns EINVAL.
 */
class NativeValidationTest
{
    private static final int EINVAL = -1;

    @Test
    void badEspJobsAreInvalidAndTouchNothing()
    {
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = IpsecMbKey.esp(manager, IpsecMbCipher.AES_GCM_256, new byte[36], IpsecMbIntegrity.NONE,
                null, null);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment packet = TestPackets.esp(arena, 1, 1, new byte[8], new byte[40], 16);
            final long esp = packet.address() + ESP_OFFSET;
            final MemorySegment wiped = arena.allocate(IpsecMbKey.scheduleSize(), IpsecMbKey.ALIGNMENT);
            final byte[] before = bytes(packet);
            final MemorySegment raw = jobs.segment();

            espJob(raw, 0, esp, 0, 56, 0);                    // no key
            espJob(raw, 1, esp, wiped.address(), 56, 0);      // a schedule never set up, or wiped
            espJob(raw, 2, esp, key.address() + 8, 56, 0);    // misaligned
            espJob(raw, 3, esp, key.address(), 56, 0x80);     // unknown flag
            espJob(raw, 4, 0, key.address(), 56, 0);          // no packet
            espJob(raw, 5, esp, key.address(), 70000, 0);     // longer than an IP packet
            espJob(raw, 6, esp, key.address(), 12, 0);        // shorter than header and IV

            assertThat(IpsecMbLibrary.espSeal(manager.handle(), raw, 7)).isZero();
            for (int i = 0; i < 7; i++)
            {
                assertThat(raw.get(JAVA_INT, (long)i * EspJobArray.JOB_LENGTH + EspJobArray.STATUS_OFFSET))
                    .as("seal job %d", i).isEqualTo(JobStatus.INVALID);
            }
            assertThat(IpsecMbLibrary.espOpen(manager.handle(), raw, 7)).isZero();
            for (int i = 0; i < 7; i++)
            {
                assertThat(raw.get(JAVA_INT, (long)i * EspJobArray.JOB_LENGTH + EspJobArray.STATUS_OFFSET))
                    .as("open job %d", i).isEqualTo(JobStatus.INVALID);
            }
            assertThat(bytes(packet)).isEqualTo(before);
        }
    }

    @Test
    void ahRefusesAnEspScheduleInC()
    {
        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            IpsecMbKey key = IpsecMbKey.esp(manager, IpsecMbCipher.AES_GCM_128, new byte[20], IpsecMbIntegrity.NONE,
                null, null);
            AhJobArray jobs = new AhJobArray())
        {
            final MemorySegment data = arena.allocate(64);
            final MemorySegment raw = jobs.segment();
            raw.set(JAVA_LONG, AhJobArray.DATA_OFFSET, data.address());
            raw.set(JAVA_LONG, AhJobArray.KEY_OFFSET, key.address());
            raw.set(JAVA_LONG, AhJobArray.ICV_OFFSET, data.address());
            raw.set(JAVA_INT, AhJobArray.LENGTH_OFFSET, 32);

            assertThat(IpsecMbLibrary.ahSign(manager.handle(), raw, 1)).isZero();
            assertThat(raw.get(JAVA_INT, AhJobArray.STATUS_OFFSET)).isEqualTo(JobStatus.INVALID);
            assertThat(bytes(data)).containsOnly(0);
        }
    }

    @Test
    void batchCallsWithoutManagerOrJobsOrWithABadCountReturnEinval()
    {
        try (IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO);
            EspJobArray jobs = new EspJobArray())
        {
            assertThat(IpsecMbLibrary.espSeal(MemorySegment.NULL, jobs.segment(), 1)).isEqualTo(EINVAL);
            assertThat(IpsecMbLibrary.espOpen(manager.handle(), MemorySegment.NULL, 1)).isEqualTo(EINVAL);
            assertThat(IpsecMbLibrary.espOpen(manager.handle(), jobs.segment(), 0)).isEqualTo(EINVAL);
            assertThat(IpsecMbLibrary.ahVerify(manager.handle(), jobs.segment(), 65)).isEqualTo(EINVAL);
        }
    }

    private static void espJob(
        final MemorySegment jobs, final int index, final long packet, final long key, final int icvOffset,
        final int flags)
    {
        final long base = (long)index * EspJobArray.JOB_LENGTH;
        jobs.set(JAVA_LONG, base + EspJobArray.PACKET_OFFSET, packet);
        jobs.set(JAVA_LONG, base + EspJobArray.KEY_OFFSET, key);
        jobs.set(JAVA_INT, base + EspJobArray.ICV_OFFSET_OFFSET, icvOffset);
        jobs.set(JAVA_INT, base + EspJobArray.SEQ_HIGH_OFFSET, 0);
        jobs.set(JAVA_INT, base + EspJobArray.FLAGS_OFFSET, flags);
        jobs.set(JAVA_INT, base + EspJobArray.STATUS_OFFSET, -1);
    }
}
