package io.torii.ike.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hash algorithms of the SIGNATURE_HASH_ALGORITHMS notify (RFC 7427 §4), which each side sends in
 * IKE_SA_INIT to say which hashes it verifies signatures with; its data is a list of 16-bit IDs
 * from the IANA "IKEv2 Hash Algorithms" registry:
 * <pre>
 *                        1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Hash Algorithm 1          |      Hash Algorithm 2  ...    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class HashAlgorithms
{
    /** SHA-1 (RFC 7427 §7); never announced by Torii. */
    public static final int SHA1 = 1;
    /** SHA2-256. */
    public static final int SHA2_256 = 2;
    /** SHA2-384. */
    public static final int SHA2_384 = 3;
    /** SHA2-512. */
    public static final int SHA2_512 = 4;
    /** Identity, for signature algorithms that hash themselves, such as Ed25519 (RFC 8420 §2). */
    public static final int IDENTITY = 5;

    /** What Torii announces: every hash it verifies, SHA-1 left out as weak. */
    public static final List<Integer> SUPPORTED = List.of(SHA2_256, SHA2_384, SHA2_512, IDENTITY);

    private HashAlgorithms()
    {
    }

    /**
     * @param hashes hash algorithm IDs.
     * @return the notify data.
     */
    public static byte[] encode(final List<Integer> hashes)
    {
        final byte[] data = new byte[hashes.size() * 2];
        for (int i = 0; i < hashes.size(); i++)
        {
            data[2 * i] = (byte)(hashes.get(i) >>> 8);
            data[2 * i + 1] = (byte)(int)hashes.get(i);
        }
        return data;
    }

    /**
     * @param data the notify data of a received SIGNATURE_HASH_ALGORITHMS.
     * @return the IDs in it; a trailing odd octet is ignored, unknown IDs are kept (they never match).
     */
    public static Set<Integer> decode(final byte[] data)
    {
        final List<Integer> hashes = new ArrayList<>();
        for (int i = 0; i + 1 < data.length; i += 2)
        {
            hashes.add((data[i] & 0xFF) << 8 | data[i + 1] & 0xFF);
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(hashes));
    }
}
