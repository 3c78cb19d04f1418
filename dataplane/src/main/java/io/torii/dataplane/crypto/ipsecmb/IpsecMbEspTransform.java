package io.torii.dataplane.crypto.ipsecmb;

import io.torii.dataplane.crypto.EspCryptoJobs;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.nativeshim.EspJobArray;
import io.torii.nativeshim.IpsecMbKey;
import io.torii.nativeshim.IpsecMbManager;
import io.torii.nativeshim.JobStatus;
import java.nio.ByteBuffer;

/**
 * One ESP SA direction on ipsec-mb: its key schedule, expanded once, and the worker's manager and
 * job array. A burst is one native call ({@link #sealAll}, {@link #openAll}); single packets go
 * through the same call with one job.
 *
 * <p>Every offset is checked against the buffer here, before native code sees an address.
 */
final class IpsecMbEspTransform implements EspTransform
{
    private static final int ESP_HEADER = 8;

    private final IpsecMbManager manager;
    private final EspJobArray jobArray;
    private final IpsecMbKey key;
    private final int ivLength;
    private final int icvLength;
    private final int blockSize;
    private final NativeView view = new NativeView();

    IpsecMbEspTransform(final IpsecMbManager manager, final EspJobArray jobArray, final IpsecMbKey key,
        final int blockSize)
    {
        this.manager = manager;
        this.jobArray = jobArray;
        this.key = key;
        this.ivLength = key.ivLength();
        this.icvLength = key.icvLength();
        this.blockSize = blockSize;
    }

    @Override
    public int ivLength()
    {
        return ivLength;
    }

    @Override
    public int icvLength()
    {
        return icvLength;
    }

    @Override
    public int blockSize()
    {
        return blockSize;
    }

    @Override
    public void seal(final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence,
        final boolean esn)
    {
        if (!fits(packet, espOffset, trailerEnd))
        {
            throw new IllegalArgumentException("ESP at " + espOffset + " with its ICV at " + trailerEnd +
                " does not fit a buffer of " + packet.capacity() + " bytes");
        }
        final int end = trailerEnd + icvLength;
        final long address = view.enter(packet, espOffset, end);
        jobArray.set(0, address + espOffset, trailerEnd - espOffset, key, esn, (int)(sequence >>> 32));
        manager.seal(jobArray, 1);
        requireSealed(jobArray.status(0), sequence);
        view.leave(packet, espOffset, end);
    }

    @Override
    public boolean open(final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence,
        final boolean esn)
    {
        if (!fits(packet, espOffset, trailerEnd) || !key.isOpen())
        {
            return false;
        }
        final int end = trailerEnd + icvLength;
        final long address = view.enter(packet, espOffset, end);
        jobArray.set(0, address + espOffset, trailerEnd - espOffset, key, esn, (int)(sequence >>> 32));
        manager.open(jobArray, 1);
        final boolean verified = jobArray.status(0) == JobStatus.OK;
        view.leave(packet, espOffset, end);
        return verified;
    }

    @Override
    public void sealAll(final EspCryptoJobs jobs, final boolean esn)
    {
        final int count = jobs.count();
        if (count == 0)
        {
            return;
        }
        if (!queueDirect(jobs, esn))
        {
            EspTransform.super.sealAll(jobs, esn);
            return;
        }
        if (manager.seal(jobArray, count) != count)
        {
            for (int i = 0; i < count; i++)
            {
                requireSealed(jobArray.status(i), jobs.sequence(i));
            }
        }
    }

    @Override
    public int warm()
    {
        return key.icvLength();
    }

    @Override
    public boolean batchesWith(final EspTransform other)
    {
        return other instanceof final IpsecMbEspTransform peer && peer.manager == manager &&
            peer.jobArray == jobArray;
    }

    /**
     * Seals the jobs of several SAs in one native call: every job carries its own key schedule and ESN
     * flag into C, which already looks at each job's key alone.
     */
    @Override
    public void sealEach(final EspCryptoJobs jobs)
    {
        final int count = jobs.count();
        if (count == 0)
        {
            return;
        }
        if (!queueEach(jobs))
        {
            EspTransform.super.sealEach(jobs);
            return;
        }
        if (manager.seal(jobArray, count) != count)
        {
            for (int i = 0; i < count; i++)
            {
                ((IpsecMbEspTransform)jobs.transform(i)).requireSealed(jobArray.status(i), jobs.sequence(i));
            }
        }
    }

    /** Opens the jobs of several SAs in one native call, each with its own key schedule. */
    @Override
    public void openEach(final EspCryptoJobs jobs)
    {
        final int count = jobs.count();
        if (count == 0)
        {
            return;
        }
        if (!queueEach(jobs))
        {
            EspTransform.super.openEach(jobs);
            return;
        }
        manager.open(jobArray, count);
        for (int i = 0; i < count; i++)
        {
            jobs.verified(i, jobArray.status(i) == JobStatus.OK);
        }
    }

    /**
     * Fills the job array from jobs of several SAs, each with its owner's key, when every packet is in
     * native memory and every key open; otherwise leaves them to the one-at-a-time path.
     */
    private boolean queueEach(final EspCryptoJobs jobs)
    {
        final int count = jobs.count();
        for (int i = 0; i < count; i++)
        {
            final IpsecMbEspTransform owner = (IpsecMbEspTransform)jobs.transform(i);
            if (jobs.address(i) == 0 || !owner.key.isOpen() ||
                !owner.fits(jobs.packet(i), jobs.espOffset(i), jobs.trailerEnd(i)))
            {
                return false;
            }
        }
        for (int i = 0; i < count; i++)
        {
            final IpsecMbEspTransform owner = (IpsecMbEspTransform)jobs.transform(i);
            final int espOffset = jobs.espOffset(i);
            jobArray.set(i, jobs.address(i) + espOffset, jobs.trailerEnd(i) - espOffset, owner.key, jobs.esn(i),
                (int)(jobs.sequence(i) >>> 32));
        }
        return true;
    }

    @Override
    public void openAll(final EspCryptoJobs jobs, final boolean esn)
    {
        final int count = jobs.count();
        if (count == 0)
        {
            return;
        }
        if (!key.isOpen() || !queueDirect(jobs, esn))
        {
            EspTransform.super.openAll(jobs, esn);
            return;
        }
        manager.open(jobArray, count);
        for (int i = 0; i < count; i++)
        {
            jobs.verified(i, jobArray.status(i) == JobStatus.OK);
        }
    }

    /**
     * Fills the job array from the burst when every packet is in native memory with a known
     * address; otherwise leaves it to the one-at-a-time path.
     */
    private boolean queueDirect(final EspCryptoJobs jobs, final boolean esn)
    {
        final int count = jobs.count();
        for (int i = 0; i < count; i++)
        {
            if (jobs.address(i) == 0 || !fits(jobs.packet(i), jobs.espOffset(i), jobs.trailerEnd(i)))
            {
                return false;
            }
        }
        for (int i = 0; i < count; i++)
        {
            final int espOffset = jobs.espOffset(i);
            jobArray.set(i, jobs.address(i) + espOffset, jobs.trailerEnd(i) - espOffset, key, esn,
                (int)(jobs.sequence(i) >>> 32));
        }
        return true;
    }

    private boolean fits(final ByteBuffer packet, final int espOffset, final int trailerEnd)
    {
        return espOffset >= 0 && trailerEnd >= espOffset + ESP_HEADER + ivLength &&
            trailerEnd <= packet.capacity() - icvLength;
    }

    private void requireSealed(final int status, final long sequence)
    {
        if (status == JobStatus.IV_REUSE)
        {
            throw new IllegalStateException(key.cipher() + ": sequence " + Long.toUnsignedString(sequence) +
                " does not follow the last one sealed; a repeated nonce would break the SA");
        }
        if (status != JobStatus.OK)
        {
            throw new IllegalArgumentException(key.cipher() + ": seal refused the packet (" +
                JobStatus.name(status) + "); CBC needs whole 16-byte blocks");
        }
    }

    @Override
    public void close()
    {
        key.close();
        view.close();
    }
}
