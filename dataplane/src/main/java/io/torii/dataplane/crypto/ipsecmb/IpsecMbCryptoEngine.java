package io.torii.dataplane.crypto.ipsecmb;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.IntegrityTransform;
import io.torii.nativeshim.AhJobArray;
import io.torii.nativeshim.EspJobArray;
import io.torii.nativeshim.IpsecMbArch;
import io.torii.nativeshim.IpsecMbKey;
import io.torii.nativeshim.IpsecMbManager;
import java.security.SecureRandom;

/**
 * The ipsec-mb engine of one worker: its manager (ipsec-mb's per-thread state, on the code path
 * chosen for this CPU) and the job arrays its transforms share. Key schedules are expanded when a
 * transform is made, that is when an SA is installed, and wiped when it is closed.
 *
 * <p>Not thread-safe: one engine per worker, as {@code SaTable} is.
 */
public final class IpsecMbCryptoEngine implements CryptoEngine
{
    /** The name configuration and {@code torii hw} use. */
    public static final String NAME = "ipsec-mb";

    private final IpsecMbManager manager;
    private final EspJobArray espJobs = new EspJobArray();
    private final AhJobArray ahJobs = new AhJobArray();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param arch the code path: {@link IpsecMbArch#AUTO} for the best this CPU runs.
     * @throws IllegalArgumentException when the CPU cannot run a forced path.
     * @throws IllegalStateException when the ipsec-mb layer is unavailable.
     */
    public IpsecMbCryptoEngine(final IpsecMbArch arch)
    {
        this.manager = IpsecMbManager.create(arch);
    }

    @Override
    public String name()
    {
        return NAME;
    }

    /** @return the code path the manager runs. */
    public IpsecMbArch arch()
    {
        return manager.arch();
    }

    @Override
    public EspTransform esp(final EncryptionAlgorithm encryption, final IntegrityAlgorithm integrity,
        final byte[] encryptionKey, final byte[] integrityKey)
    {
        if (encryption.isCombinedMode() != (integrity == IntegrityAlgorithm.NONE))
        {
            throw new IllegalArgumentException(encryption.keyword() +
                (encryption.isCombinedMode() ? " takes no integrity algorithm" : " needs an integrity algorithm"));
        }
        final IpsecMbKey key = IpsecMbKey.esp(manager, Algorithms.cipher(encryption), encryptionKey,
            Algorithms.integrity(integrity), integrityKey, random);
        return new IpsecMbEspTransform(manager, espJobs, key, encryption.blockSize());
    }

    @Override
    public IntegrityTransform integrity(final IntegrityAlgorithm integrity, final byte[] key)
    {
        if (integrity == IntegrityAlgorithm.NONE)
        {
            throw new IllegalArgumentException("AH needs an integrity algorithm: sha256, sha384 or sha512");
        }
        if (key.length != integrity.keyLength())
        {
            throw new IllegalArgumentException(integrity.keyword() + " needs a " + integrity.keyLength() +
                "-byte key (RFC 4868), got " + key.length);
        }
        return new IpsecMbIntegrityTransform(manager, ahJobs, IpsecMbKey.ah(manager, Algorithms.integrity(integrity),
            key));
    }

    /** Frees the manager and job arrays; close the SAs' transforms first. */
    @Override
    public void close()
    {
        espJobs.close();
        ahJobs.close();
        manager.close();
    }
}
