package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.Fragmentation;
import io.torii.ike.message.DecodeResult;
import io.torii.ike.message.EncryptedFragment;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.PayloadType;
import io.torii.ike.message.SkCipher;
import io.torii.ike.message.payload.NoncePayload;
import io.torii.ike.sa.FragmentationPolicy;
import io.torii.ike.task.FragmentReassembly.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FragmentReassembly}'s rules (RFC 7383 §2.6) and {@link MessageFragmenter}'s sizes (§2.5), on
 * fragments made by hand: a Nonce payload of 32 bytes (36 with its header) split in pieces.
 */
class FragmentReassemblyTest
{
    private static final byte[] NONCE = new byte[32];
    /** The inner chain: one Nonce payload, its generic header then the nonce. */
    private static final byte[] INNER = new byte[4 + NONCE.length];

    static
    {
        Arrays.fill(NONCE, (byte)0x5a);
        INNER[3] = (byte)INNER.length;
        System.arraycopy(NONCE, 0, INNER, 4, NONCE.length);
    }

    private final FragmentReassembly reassembly = new FragmentReassembly();

    /** Fragment {@code number} of {@code total} of message {@code id}, an even slice of {@link #INNER}. */
    private static IkeMessage fragment(final int id, final int number, final int total)
    {
        final int size = (INNER.length + total - 1) / total;
        final byte[] content = Arrays.copyOfRange(INNER, Math.min(INNER.length, (number - 1) * size),
            Math.min(INNER.length, number * size));
        return new IkeMessage(1, 2, ExchangeType.IKE_AUTH, true, false, id, List.of(), null,
            new EncryptedFragment(number, total, number == 1 ? PayloadType.NONCE : PayloadType.NONE, content));
    }

    private void assertNonceReassembled()
    {
        final DecodeResult result = reassembly.take();
        assertThat(result.isOk()).as(result.verdict().toString()).isTrue();
        assertThat(result.message().payloadsOf(NoncePayload.class)).singleElement()
            .satisfies(nonce -> assertThat(nonce.nonce()).isEqualTo(NONCE));
        assertThat(result.message().messageId()).isEqualTo(1);
        assertThat(reassembly.collecting()).isFalse();
    }

    @Test
    void fragmentsInAnyOrderMakeTheMessage()
    {
        assertThat(reassembly.add(fragment(1, 3, 3))).isEqualTo(Outcome.COLLECTED);
        assertThat(reassembly.add(fragment(1, 1, 3))).isEqualTo(Outcome.COLLECTED);
        assertThat(reassembly.add(fragment(1, 1, 3))).isEqualTo(Outcome.DUPLICATE);
        assertThat(reassembly.add(fragment(1, 2, 3))).isEqualTo(Outcome.COMPLETE);
        assertNonceReassembled();
    }

    @Test
    void aNewerMessageDiscardsTheIncompleteOneAndAnOlderOneIsIgnored()
    {
        reassembly.add(fragment(0, 1, 2));
        assertThat(reassembly.add(fragment(1, 2, 2))).isEqualTo(Outcome.COLLECTED);
        assertThat(reassembly.add(fragment(0, 2, 2))).isEqualTo(Outcome.STALE);
        assertThat(reassembly.add(fragment(1, 1, 2))).isEqualTo(Outcome.COMPLETE);
        assertNonceReassembled();
    }

    @Test
    void moreFragmentsStartOverAndFewerAreIgnored()
    {
        // §2.5.2: a sender that got no answer may retransmit in smaller, so more, fragments.
        reassembly.add(fragment(1, 1, 2));
        assertThat(reassembly.add(fragment(1, 2, 4))).isEqualTo(Outcome.COLLECTED);
        assertThat(reassembly.add(fragment(1, 2, 2))).isEqualTo(Outcome.STALE);
        reassembly.add(fragment(1, 1, 4));
        reassembly.add(fragment(1, 3, 4));
        assertThat(reassembly.add(fragment(1, 4, 4))).isEqualTo(Outcome.COMPLETE);
        assertNonceReassembled();
    }

    @Test
    void tooManyFragmentsAreRefused()
    {
        reassembly.add(fragment(1, 1, 2));
        assertThat(reassembly.add(new IkeMessage(1, 2, ExchangeType.IKE_AUTH, true, false, 1, List.of(), null,
            new EncryptedFragment(1, FragmentReassembly.MAX_FRAGMENTS + 1, PayloadType.NONCE, new byte[1]))))
            .isEqualTo(Outcome.TOO_LARGE);
        assertThat(reassembly.collecting()).isFalse();
    }

    @Test
    void tooManyBytesAreRefused()
    {
        final byte[] big = new byte[FragmentReassembly.MAX_CONTENT_BYTES / 2 + 1];
        assertThat(reassembly.add(new IkeMessage(1, 2, ExchangeType.IKE_AUTH, true, false, 1, List.of(), null,
            new EncryptedFragment(1, 3, PayloadType.NONCE, big)))).isEqualTo(Outcome.COLLECTED);
        assertThat(reassembly.add(new IkeMessage(1, 2, ExchangeType.IKE_AUTH, true, false, 1, List.of(), null,
            new EncryptedFragment(2, 3, PayloadType.NONE, big)))).isEqualTo(Outcome.TOO_LARGE);
        assertThat(reassembly.collecting()).isFalse();
    }

    /** AES-CBC with HMAC-SHA2-256-128 in size only: 16-byte IV, ICV and blocks; sealing changes nothing. */
    private static final SkCipher CBC_SIZES = new SkCipher()
    {
        @Override
        public int ivLength()
        {
            return 16;
        }

        @Override
        public int icvLength()
        {
            return 16;
        }

        @Override
        public int blockSize()
        {
            return 16;
        }

        @Override
        public void seal(final byte[] message, final int ivOffset, final int icvOffset)
        {
        }

        @Override
        public boolean open(final byte[] message, final int ivOffset, final int icvOffset)
        {
            return true;
        }
    };

    @Test
    void fragmentsFillTheFragmentSizeToTheLastWholeBlock()
    {
        // 400 - 20 (IPv4) - 8 (UDP) - 4 (non-ESP marker) = 368 bytes of IKE: 28 + 8 (SKF) + 16 (IV) + 16 (ICV)
        // leave 300 for content, padding and Pad Length, whole blocks: 288, so 287 bytes of content, and a
        // full fragment of 28 + 8 + 16 + 288 + 16 = 356 bytes, one block short of 368 plus 4.
        final InetSocketAddress natT = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 4500);
        final FragmentationPolicy policy = new FragmentationPolicy(Fragmentation.YES, 400);
        final IkeMessage message = IkeMessage.protectedBySk(1, 2, ExchangeType.IKE_AUTH, true, false, 1,
            List.of(new NoncePayload(new byte[200]), new NoncePayload(new byte[200]), new NoncePayload(new byte[200])));

        assertThat(MessageFragmenter.contentBudget(368, CBC_SIZES)).isEqualTo(287);
        final List<byte[]> fragments = MessageFragmenter.encode(message, CBC_SIZES, true, policy, natT);
        // 612 bytes of inner payloads: 287 + 287 + 38.
        assertThat(fragments).hasSize(3);
        assertThat(fragments.getFirst()).hasSize(356);
        assertThat(fragments.get(1)).hasSize(356);
        assertThat(MessageFragmenter.encode(message, CBC_SIZES, false, policy, natT)).singleElement()
            .satisfies(whole -> assertThat(whole.length).isGreaterThan(368));
        assertThat(MessageFragmenter.encode(message, CBC_SIZES, true, policy.withFragmentSize(1280), natT))
            .hasSize(1);
    }
}
