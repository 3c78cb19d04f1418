package io.torii.nativeshim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One SA direction's key schedule for the ipsec-mb layer: round keys, GCM hash-key tables or HMAC
 * pad states, expanded once when the SA is installed, in {@link #scheduleSize()} bytes of off-heap
 * memory aligned to {@link #ALIGNMENT}. The memory is this object's own or, so that the dataplane
 * can keep a schedule next to the rest of an SA's hot state, the caller's.
 *
 * <p>seal advances state kept in the schedule (the last IV of the combined modes, the CBC IV
 * counter), so the schedule of an outbound SA belongs to the one worker that seals with it. A
 * schedule works only with managers of the architecture whose manager expanded it: ipsec-mb's GCM
 * tables differ between code paths. {@link #close()} zeroes every byte of it.
 *
 * <p>Key bytes given here are copied into a confined native buffer for the call and zeroed there
 * afterwards; the caller's arrays are not changed. Nothing here prints key material.
 */
public final class IpsecMbKey implements AutoCloseable
{
    /** Schedules must start on a multiple of this ({@code TORII_IPSECMB_KEY_ALIGN}). */
    public static final int ALIGNMENT = 64;
    /** Bytes of random seed a CBC schedule takes for its IVs: IV key, then counter prefix. */
    static final int IV_SEED_LENGTH = 24;

    private final MemorySegment schedule;
    /** The schedule's address, kept here so that queuing a job reads this record alone, not the segment too. */
    private final long scheduleAddress;
    private final Arena ownArena;
    private final IpsecMbCipher cipher;
    private final IpsecMbIntegrity integrity;
    private final IpsecMbArch arch;
    private volatile boolean closed;

    private IpsecMbKey(
        final MemorySegment schedule,
        final Arena ownArena,
        final IpsecMbCipher cipher,
        final IpsecMbIntegrity integrity,
        final IpsecMbArch arch)
    {
        this.schedule = schedule;
        this.scheduleAddress = schedule.address();
        this.ownArena = ownArena;
        this.cipher = cipher;
        this.integrity = integrity;
        this.arch = arch;
    }

    /**
     * @return bytes of one schedule, the same for every algorithm; a multiple of {@link #ALIGNMENT}.
     * @throws IllegalStateException when the ipsec-mb layer is unavailable.
     */
    public static long scheduleSize()
    {
        IpsecMb.requireAvailable();
        return ScheduleSize.VALUE;
    }

    private static final class ScheduleSize
    {
        static final long VALUE = IpsecMbLibrary.keySize();
    }

    /**
     * An ESP schedule in memory of its own.
     *
     * @param manager a manager of the architecture the schedule will serve.
     * @param cipher the cipher.
     * @param cipherKey {@link IpsecMbCipher#keyMaterialLength()} bytes (key, then salt for the
     *        combined modes); null or empty for {@link IpsecMbCipher#NULL}.
     * @param integrity {@link IpsecMbIntegrity#NONE} with a combined mode, an HMAC otherwise.
     * @param integrityKey the HMAC key, 1 to {@link IpsecMbIntegrity#MAX_KEY_LENGTH} bytes; null or
     *        empty with {@link IpsecMbIntegrity#NONE}.
     * @param random seeds the CBC IV generator (24 bytes drawn); unused by the other ciphers.
     * @return the schedule.
     * @throws IllegalArgumentException for a combination or key length that makes no SA.
     * @throws IllegalStateException when the manager is closed or the layer unavailable.
     */
    public static IpsecMbKey esp(
        final IpsecMbManager manager,
        final IpsecMbCipher cipher,
        final byte[] cipherKey,
        final IpsecMbIntegrity integrity,
        final byte[] integrityKey,
        final SecureRandom random)
    {
        return install(null, manager, cipher, cipherKey, integrity, integrityKey, seed(cipher, random));
    }

    /**
     * Like {@link #esp(IpsecMbManager, IpsecMbCipher, byte[], IpsecMbIntegrity, byte[], SecureRandom)}
     * in the caller's memory, which must stay valid until {@link #close()}.
     *
     * @param schedule native, writable, at least {@link #scheduleSize()} bytes, its address a
     *        multiple of {@link #ALIGNMENT}.
     * @return the schedule.
     */
    public static IpsecMbKey esp(
        final MemorySegment schedule,
        final IpsecMbManager manager,
        final IpsecMbCipher cipher,
        final byte[] cipherKey,
        final IpsecMbIntegrity integrity,
        final byte[] integrityKey,
        final SecureRandom random)
    {
        requireUsable(schedule);
        return install(schedule, manager, cipher, cipherKey, integrity, integrityKey, seed(cipher, random));
    }

    /**
     * An AH schedule (HMAC only, cipher {@link IpsecMbCipher#NULL}) in memory of its own. It also
     * serves ESP with NULL encryption.
     *
     * @param manager a manager of the architecture the schedule will serve.
     * @param integrity an HMAC.
     * @param key the HMAC key, 1 to {@link IpsecMbIntegrity#MAX_KEY_LENGTH} bytes.
     * @return the schedule.
     */
    public static IpsecMbKey ah(final IpsecMbManager manager, final IpsecMbIntegrity integrity, final byte[] key)
    {
        return install(null, manager, IpsecMbCipher.NULL, null, integrity, key, null);
    }

    /**
     * Like {@link #ah(IpsecMbManager, IpsecMbIntegrity, byte[])} in the caller's memory.
     *
     * @param schedule native, writable, at least {@link #scheduleSize()} bytes, aligned to {@link #ALIGNMENT}.
     * @return the schedule.
     */
    public static IpsecMbKey ah(
        final MemorySegment schedule, final IpsecMbManager manager, final IpsecMbIntegrity integrity, final byte[] key)
    {
        requireUsable(schedule);
        return install(schedule, manager, IpsecMbCipher.NULL, null, integrity, key, null);
    }

    /**
     * ESP with a given CBC IV seed instead of one drawn from a {@code SecureRandom}: tests that
     * need the same IVs on every architecture, or the documented IV construction checked.
     */
    static IpsecMbKey espWithSeed(
        final IpsecMbManager manager,
        final IpsecMbCipher cipher,
        final byte[] cipherKey,
        final IpsecMbIntegrity integrity,
        final byte[] integrityKey,
        final byte[] ivSeed)
    {
        return install(null, manager, cipher, cipherKey, integrity, integrityKey,
            ivSeed == null ? null : ivSeed.clone());
    }

    /** @return the cipher. */
    public IpsecMbCipher cipher()
    {
        return cipher;
    }

    /** @return the integrity algorithm; {@link IpsecMbIntegrity#NONE} for the combined modes. */
    public IpsecMbIntegrity integrity()
    {
        return integrity;
    }

    /** @return the architecture of the managers this schedule works with. */
    public IpsecMbArch arch()
    {
        return arch;
    }

    /** @return bytes of explicit IV in each packet. */
    public int ivLength()
    {
        return cipher.ivLength();
    }

    /** @return bytes of ICV after the trailer. */
    public int icvLength()
    {
        return cipher.isCombined() ? cipher.icvLength() : integrity.icvLength();
    }

    /** @return true when this schedule can sign and verify AH (cipher NULL with an HMAC). */
    public boolean servesAh()
    {
        return cipher == IpsecMbCipher.NULL;
    }

    /** @return false once {@link #close()} ran. */
    public boolean isOpen()
    {
        return !closed;
    }

    /**
     * Zeroes the whole schedule and frees memory of its own; caller memory stays the caller's, zeroed.
     * Jobs set with this key are refused from then on. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        IpsecMbLibrary.keyWipe(schedule);
        if (ownArena != null)
        {
            ownArena.close();
        }
    }

    @Override
    public String toString()
    {
        return "IpsecMbKey[" + cipher + "/" + integrity + ", " + arch + (closed ? ", closed]" : "]");
    }

    /** @return the schedule's address, for a job; the caller has checked {@link #isOpen()}. */
    long address()
    {
        return scheduleAddress;
    }

    void requireOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("ipsec-mb key schedule " + cipher + "/" + integrity + " is closed");
        }
    }

    private static byte[] seed(final IpsecMbCipher cipher, final SecureRandom random)
    {
        if (!cipher.isCbc())
        {
            return null;
        }
        if (random == null)
        {
            throw new IllegalArgumentException(cipher + " needs a SecureRandom for its IVs");
        }
        final byte[] seed = new byte[IV_SEED_LENGTH];
        random.nextBytes(seed);
        return seed;
    }

    private static void requireUsable(final MemorySegment schedule)
    {
        if (!schedule.isNative() || schedule.isReadOnly() || schedule.byteSize() < scheduleSize() ||
            schedule.address() % ALIGNMENT != 0)
        {
            throw new IllegalArgumentException("a key schedule needs native, writable memory of at least " +
                scheduleSize() + " bytes aligned to " + ALIGNMENT + "; got " + schedule);
        }
    }

    private static void checkSuite(
        final IpsecMbCipher cipher, final byte[] cipherKey, final IpsecMbIntegrity integrity, final byte[] integrityKey)
    {
        if (cipher.isCombined() != (integrity == IpsecMbIntegrity.NONE))
        {
            throw new IllegalArgumentException(cipher + " with " + integrity + " makes no SA: combined modes take " +
                "no integrity algorithm, NULL and AES-CBC need an HMAC");
        }
        final int cipherKeyLength = cipherKey == null ? 0 : cipherKey.length;
        if (cipherKeyLength != cipher.keyMaterialLength())
        {
            throw new IllegalArgumentException(cipher + " takes " + cipher.keyMaterialLength() +
                " bytes of key material, got " + cipherKeyLength);
        }
        final int integrityKeyLength = integrityKey == null ? 0 : integrityKey.length;
        final boolean integrityKeyFits = integrity == IpsecMbIntegrity.NONE
            ? integrityKeyLength == 0
            : integrityKeyLength >= 1 && integrityKeyLength <= IpsecMbIntegrity.MAX_KEY_LENGTH;
        if (!integrityKeyFits)
        {
            throw new IllegalArgumentException(integrity + " takes " + (integrity == IpsecMbIntegrity.NONE
                ? "no key" : "a key of 1 to " + IpsecMbIntegrity.MAX_KEY_LENGTH + " bytes") + ", got " +
                integrityKeyLength + " bytes");
        }
    }

    private static IpsecMbKey install(
        final MemorySegment callerSchedule,
        final IpsecMbManager manager,
        final IpsecMbCipher cipher,
        final byte[] cipherKey,
        final IpsecMbIntegrity integrity,
        final byte[] integrityKey,
        final byte[] ivSeed)
    {
        try
        {
            checkSuite(cipher, cipherKey, integrity, integrityKey);
            if (cipher.isCbc() && (ivSeed == null || ivSeed.length != IV_SEED_LENGTH))
            {
                throw new IllegalArgumentException(cipher + " needs a " + IV_SEED_LENGTH + "-byte IV seed");
            }
            final MemorySegment mgr = manager.handle();
            final Arena ownArena = callerSchedule == null ? Arena.ofShared() : null;
            final MemorySegment schedule =
                callerSchedule != null ? callerSchedule : ownArena.allocate(scheduleSize(), ALIGNMENT);
            final int result;
            try (Arena call = Arena.ofConfined())
            {
                final MemorySegment ck = copy(call, cipherKey);
                final MemorySegment ak = copy(call, integrityKey);
                final MemorySegment seed = copy(call, ivSeed);
                result = IpsecMbLibrary.keyInit(mgr, schedule, cipher.code(), integrity.code(),
                    ck, (int)ck.byteSize(), ak, (int)ak.byteSize(), seed, (int)seed.byteSize());
                zero(ck);
                zero(ak);
                zero(seed);
            }
            if (result != 0)
            {
                if (ownArena != null)
                {
                    ownArena.close();
                }
                throw new IllegalStateException("torii_ipsecmb_key_init(" + cipher + ", " + integrity +
                    ") failed with " + result);
            }
            return new IpsecMbKey(schedule, ownArena, cipher, integrity, manager.arch());
        }
        finally
        {
            if (ivSeed != null)
            {
                Arrays.fill(ivSeed, (byte)0);
            }
        }
    }

    private static MemorySegment copy(final Arena arena, final byte[] bytes)
    {
        if (bytes == null || bytes.length == 0)
        {
            return MemorySegment.NULL;
        }
        final MemorySegment segment = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment;
    }

    private static void zero(final MemorySegment segment)
    {
        if (segment.byteSize() > 0)
        {
            segment.fill((byte)0);
        }
    }
}
