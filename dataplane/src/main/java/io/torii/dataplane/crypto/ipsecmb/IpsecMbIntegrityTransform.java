package io.torii.dataplane.crypto.ipsecmb;

import io.torii.dataplane.crypto.IntegrityTransform;
import io.torii.nativeshim.AhJobArray;
import io.torii.nativeshim.IpsecMbKey;
import io.torii.nativeshim.IpsecMbManager;
import io.torii.nativeshim.JobStatus;
import java.nio.ByteBuffer;

/**
 * AH's HMAC on ipsec-mb: one SA direction's schedule and the worker's manager. The ICV is read
 * from and written into the buffers given; heap buffers go through a native bounce area.
 */
final class IpsecMbIntegrityTransform implements IntegrityTransform
{
    private final IpsecMbManager manager;
    private final AhJobArray jobArray;
    private final IpsecMbKey key;
    private final int icvLength;
    private final NativeView dataView = new NativeView();
    private final NativeView icvView = new NativeView();

    IpsecMbIntegrityTransform(final IpsecMbManager manager, final AhJobArray jobArray, final IpsecMbKey key)
    {
        this.manager = manager;
        this.jobArray = jobArray;
        this.key = key;
        this.icvLength = key.icvLength();
    }

    @Override
    public int icvLength()
    {
        return icvLength;
    }

    @Override
    public void sign(final ByteBuffer data, final int from, final int to, final boolean esn, final int sequenceHigh,
        final ByteBuffer icv, final int icvOffset)
    {
        if (!fits(data, from, to, icv, icvOffset))
        {
            throw new IllegalArgumentException("AH range " + from + ".." + to + " or ICV at " + icvOffset +
                " outside the buffers");
        }
        run(data, from, to, esn, sequenceHigh, icv, icvOffset, true);
        if (jobArray.status(0) != JobStatus.OK)
        {
            throw new IllegalStateException("AH sign refused: " + JobStatus.name(jobArray.status(0)));
        }
    }

    @Override
    public boolean verify(final ByteBuffer data, final int from, final int to, final boolean esn,
        final int sequenceHigh, final ByteBuffer icv, final int icvOffset)
    {
        if (!key.isOpen() || !fits(data, from, to, icv, icvOffset))
        {
            return false;
        }
        run(data, from, to, esn, sequenceHigh, icv, icvOffset, false);
        return jobArray.status(0) == JobStatus.OK;
    }

    private void run(final ByteBuffer data, final int from, final int to, final boolean esn, final int sequenceHigh,
        final ByteBuffer icv, final int icvOffset, final boolean sign)
    {
        final boolean sameBuffer = icv == data;
        final long dataAddress = sameBuffer ?
            dataView.enter(data, Math.min(from, icvOffset), Math.max(to, icvOffset + icvLength)) :
            dataView.enter(data, from, to);
        final long icvAddress = sameBuffer ? dataAddress : icvView.enter(icv, icvOffset, icvOffset + icvLength);
        jobArray.set(0, dataAddress + from, to - from, icvAddress + icvOffset, key, esn, sequenceHigh);
        if (sign)
        {
            manager.sign(jobArray, 1);
            // The ICV may sit inside the data (AH's own header): copy back what C wrote there.
            if (sameBuffer)
            {
                dataView.leave(data, Math.min(from, icvOffset), Math.max(to, icvOffset + icvLength));
            }
            else
            {
                icvView.leave(icv, icvOffset, icvOffset + icvLength);
            }
        }
        else
        {
            manager.verify(jobArray, 1);
        }
    }

    private boolean fits(final ByteBuffer data, final int from, final int to, final ByteBuffer icv,
        final int icvOffset)
    {
        return from >= 0 && to > from && to <= data.capacity() && icvOffset >= 0 &&
            icvOffset + icvLength <= icv.capacity();
    }

    @Override
    public void close()
    {
        key.close();
        dataView.close();
        icvView.close();
    }
}
