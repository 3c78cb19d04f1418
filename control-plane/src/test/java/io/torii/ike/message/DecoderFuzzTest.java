package io.torii.ike.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Random mutations and truncations of valid messages, with a fixed seed: the decoder must answer
 * every one with a result, never an exception, and the per-exchange rules must take whatever it
 * decodes.
 */
class DecoderFuzzTest
{
    private static final int ITERATIONS = 20_000;
    private static final long SEED = 0x7031_1C0DE_5EEDL;

    @Test
    void noExceptionEscapesOnMutatedOrTruncatedMessages()
    {
        final List<byte[]> seeds = List.of(
            IkeMessageEncoder.encode(SampleMessages.ikeSaInitRequest(), null),
            IkeMessageEncoder.encode(SampleMessages.ikeSaInitResponse(), null),
            IkeMessageEncoder.encode(new IkeMessage(SampleMessages.SPI_I, SampleMessages.SPI_R,
                ExchangeType.INFORMATIONAL, true, false, 3, SampleMessages.everyPayload(),
                SampleMessages.everyPayload(), null), new PlainCipher()),
            IkeMessageEncoder.encode(SampleMessages.ikeAuthRequest(), new XorChecksumCipher(8, 1, (byte)0)),
            IkeMessageEncoder.encodeFragments(SampleMessages.ikeAuthRequest(), new PlainCipher(), 60).get(1));
        final SplittableRandom random = new SplittableRandom(SEED);
        final Map<MalformedReason, Integer> seen = new EnumMap<>(MalformedReason.class);

        for (int i = 0; i < ITERATIONS; i++)
        {
            final byte[] mutated = mutate(seeds.get(random.nextInt(seeds.size())), random);
            // A cipher whose "ICV" is always right lets mutations reach the inner payload chain; the
            // checksum cipher lets them fail integrity.
            final SkCipher cipher = random.nextBoolean() ? new XorChecksumCipher(8, 1, (byte)0) : new PlainCipher();
            final DecodeResult result = IkeMessageDecoder.decode(mutated, 0, mutated.length, cipher);
            seen.merge(result.reason(), 1, Integer::sum);
            if (result.isOk())
            {
                assertThat(PayloadRules.verify(result.message())).isNotNull();
            }
        }

        // The mutations reached deep: past the header into payload bodies, SK and its inner chain.
        assertThat(seen).containsKeys(MalformedReason.OK, MalformedReason.LENGTH_MISMATCH,
            MalformedReason.BAD_PAYLOAD_LENGTH, MalformedReason.INTEGRITY_FAILED, MalformedReason.BAD_SUBSTRUCTURE);
    }

    private static byte[] mutate(final byte[] original, final SplittableRandom random)
    {
        byte[] bytes = original.clone();
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.nextInt(5))
            {
                case 0 -> bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                case 2 -> bytes = Arrays.copyOf(bytes, bytes.length + random.nextInt(1, 40));
                case 3 ->
                {
                    // A length field somewhere gets a random 16-bit value.
                    if (bytes.length > 2)
                    {
                        final int at = random.nextInt(bytes.length - 1);
                        bytes[at] = (byte)random.nextInt(256);
                        bytes[at + 1] = (byte)random.nextInt(256);
                    }
                }
                default ->
                {
                }
            }
            if (bytes.length == 0)
            {
                return bytes;
            }
        }
        // Half the time, keep the header's length right, so the chain walker sees the damage.
        if (bytes.length >= IkeHeaderFlyweight.LENGTH && random.nextBoolean())
        {
            new UnsafeBuffer(bytes).putInt(IkeHeaderFlyweight.LENGTH_OFFSET, bytes.length, ByteOrder.BIG_ENDIAN);
        }
        return bytes;
    }

    /** Accepts any ICV and leaves the bytes alone: the mutated plaintext reaches the inner decoder. */
    private static final class PlainCipher implements SkCipher
    {
        @Override
        public int ivLength()
        {
            return 8;
        }

        @Override
        public int icvLength()
        {
            return 4;
        }

        @Override
        public int blockSize()
        {
            return 1;
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
    }
}
