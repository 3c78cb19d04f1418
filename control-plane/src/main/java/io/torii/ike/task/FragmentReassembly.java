package io.torii.ike.task;

import io.torii.ike.message.DecodeResult;
import io.torii.ike.message.EncryptedFragment;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;

/**
 * Collects the fragments of one message (RFC 7383 §2.6) for one direction of an IKE SA: the requests we
 * receive or the responses. One message at a time, as the window of one allows, in bounded memory: at most
 * {@value #MAX_FRAGMENTS} fragments and {@value #MAX_CONTENT_BYTES} bytes of content. Every fragment given
 * here was authenticated by the decoder on arrival, so a forged one never displaces a real one.
 *
 * <p>The rules, from §2.6: a fragment whose number was already received is a duplicate and ignored; a
 * fragment of a newer message discards the one being collected; one with a larger Total Fragments than
 * the others (the sender retransmits with smaller fragments, §2.5.2) starts the message over, one with a
 * smaller total is ignored. When every number from 1 to the total is in, the contents are joined in number
 * order and decoded as the message's inner payloads.
 */
final class FragmentReassembly
{
    /** The most fragments one message may come in. */
    static final int MAX_FRAGMENTS = 32;
    /** The most bytes of inner payloads one message may reassemble to: IKE's 16-bit length. */
    static final int MAX_CONTENT_BYTES = 0xFFFF;

    /** What became of a fragment. */
    enum Outcome
    {
        /** Kept; more are needed. */
        COLLECTED,
        /** Its number was already in: ignored. */
        DUPLICATE,
        /** Of an older message, or with a smaller Total Fragments than the others: ignored. */
        STALE,
        /** More than {@link #MAX_FRAGMENTS} fragments or {@link #MAX_CONTENT_BYTES} bytes: the message is dropped. */
        TOO_LARGE,
        /** The last one missing: {@link #take()} has the message. */
        COMPLETE
    }

    private IkeMessage header;
    private byte[][] contents;
    private int firstInnerType = PayloadType.NONE;
    private int received;
    private int bytes;

    /**
     * @param message a message that carries an Encrypted Fragment payload, already authenticated.
     * @return what became of it.
     */
    Outcome add(final IkeMessage message)
    {
        final EncryptedFragment fragment = message.fragment();
        if (header != null && header.messageId() != message.messageId())
        {
            if (Integer.compareUnsigned(message.messageId(), header.messageId()) < 0)
            {
                return Outcome.STALE;
            }
            clear();
        }
        if (header != null && fragment.total() != contents.length)
        {
            if (fragment.total() < contents.length)
            {
                return Outcome.STALE;
            }
            clear();
        }
        if (fragment.total() > MAX_FRAGMENTS)
        {
            clear();
            return Outcome.TOO_LARGE;
        }
        if (header == null)
        {
            header = message;
            contents = new byte[fragment.total()][];
        }
        final int index = fragment.number() - 1;
        if (contents[index] != null)
        {
            return Outcome.DUPLICATE;
        }
        final byte[] content = fragment.content();
        if (content.length > MAX_CONTENT_BYTES - bytes)
        {
            clear();
            return Outcome.TOO_LARGE;
        }
        contents[index] = content;
        bytes += content.length;
        received++;
        if (fragment.number() == 1)
        {
            firstInnerType = fragment.firstInnerType();
        }
        return received == contents.length ? Outcome.COMPLETE : Outcome.COLLECTED;
    }

    /**
     * Joins the fragments after {@link Outcome#COMPLETE} and forgets them.
     *
     * @return the whole message, or why its joined content did not decode.
     * @throws IllegalStateException when the message is not complete.
     */
    DecodeResult take()
    {
        if (header == null || received != contents.length)
        {
            throw new IllegalStateException("the message is not complete");
        }
        final byte[] joined = new byte[bytes];
        int at = 0;
        for (final byte[] content : contents)
        {
            System.arraycopy(content, 0, joined, at, content.length);
            at += content.length;
        }
        final DecodeResult result = IkeMessageDecoder.decodeReassembled(header, firstInnerType, joined);
        clear();
        Arrays.fill(joined, (byte)0);
        return result;
    }

    /** @return true while fragments of a message are held. */
    boolean collecting()
    {
        return header != null;
    }

    /** Forgets the message being collected, zeroing its plaintext. */
    void clear()
    {
        if (contents != null)
        {
            for (final byte[] content : contents)
            {
                if (content != null)
                {
                    Arrays.fill(content, (byte)0);
                }
            }
        }
        header = null;
        contents = null;
        firstInnerType = PayloadType.NONE;
        received = 0;
        bytes = 0;
    }
}
