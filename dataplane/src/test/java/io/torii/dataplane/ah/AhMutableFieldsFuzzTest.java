package io.torii.dataplane.ah;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random and randomly damaged headers, random offsets and truncations: {@link AhMutableFields}
 * must never throw, never write outside {@code [ipOffset, ahOffset)}, leave refused packets
 * untouched and restore accepted ones exactly. Seeds are fixed so a failure can be replayed.
 */
class AhMutableFieldsFuzzTest
{
    private static final int ITERATIONS = 5_000;
    private static final int GUARD = 8;

    private final MutableFieldsSave roomySave = new MutableFieldsSave();
    private final MutableFieldsSave tightSave = new MutableFieldsSave(24);
    private int accepted;
    private int refused;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void neverThrowsNeverWritesOutsideAndAlwaysRestores(final long seed)
    {
        final Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++)
        {
            runOnce(random, seed, i);
        }
        // Both outcomes must be common, or the generator is not reaching the code it is meant to.
        assertThat(accepted).as("accepted").isGreaterThan(ITERATIONS / 10);
        assertThat(refused).as("refused").isGreaterThan(ITERATIONS / 10);
    }

    private void runOnce(final Random random, final long seed, final int iteration)
    {
        final byte[] headers = switch (random.nextInt(4))
        {
            case 0 -> randomBytes(random, random.nextInt(100));
            case 1 -> ipv4(random);
            default -> ipv6(random);
        };
        if (random.nextInt(3) == 0 && headers.length > 0)
        {
            for (int k = 1 + random.nextInt(3); k > 0; k--)
            {
                headers[random.nextInt(headers.length)] = (byte)random.nextInt(256);
            }
        }
        final int prefix = random.nextInt(16);
        final byte[] frame = concat(randomBytes(random, prefix), headers, randomBytes(random, random.nextInt(48)));

        int ipOffset = prefix;
        int ahOffset = prefix + headers.length;
        if (random.nextInt(10) == 0)
        {
            ipOffset = random.nextInt(frame.length + 3) - 2;
        }
        if (random.nextInt(8) == 0)
        {
            ahOffset = random.nextInt(frame.length + 5) - 2;
        }
        int limit = frame.length;
        if (random.nextInt(6) == 0)
        {
            limit = random.nextInt(frame.length + 1);
        }

        // The frame sits inside a larger array behind a slice, so indices must be relative to the buffer.
        final byte[] backing = concat(randomBytes(random, GUARD), frame, randomBytes(random, GUARD));
        final byte[] original = backing.clone();
        final ByteBuffer packet = ByteBuffer.wrap(backing).slice(GUARD, frame.length).limit(limit);
        final int position = Math.min(random.nextInt(4), limit);
        packet.position(position);
        final MutableFieldsSave save = random.nextInt(4) == 0 ? tightSave : roomySave;
        final String replay = "seed " + seed + " iteration " + iteration + " ipOffset " + ipOffset + " ahOffset " +
            ahOffset + " limit " + limit + " frame " + HexFormat.of().formatHex(frame);

        final int status = AhMutableFields.zero(packet, ipOffset, ahOffset, save);

        assertThat(status).as(replay).isBetween(AhMutableFields.OK, AhMutableFields.SAVE_AREA_FULL);
        assertThat(packet.position()).as(replay).isEqualTo(position);
        assertThat(packet.limit()).as(replay).isEqualTo(limit);
        if (status == AhMutableFields.OK)
        {
            accepted++;
            final int from = GUARD + ipOffset;
            final int to = GUARD + ahOffset;
            assertThat(Arrays.copyOfRange(backing, 0, from)).as(replay)
                .isEqualTo(Arrays.copyOfRange(original, 0, from));
            assertThat(Arrays.copyOfRange(backing, to, backing.length)).as(replay)
                .isEqualTo(Arrays.copyOfRange(original, to, original.length));
            AhMutableFields.restore(packet, save);
        }
        else
        {
            refused++;
        }
        assertThat(backing).as(replay).isEqualTo(original);
        assertThat(save.isEmpty()).as(replay).isTrue();
    }

    private static byte[] ipv4(final Random random)
    {
        final int headerLength = 20 + 4 * random.nextInt(11);
        final byte[] header = randomBytes(random, headerLength);
        header[0] = (byte)(0x40 | headerLength / 4);
        header[9] = 51;
        // Whole packets: keep the reserved flag and DF, clear more-fragments and the offset.
        header[6] &= (byte)0xC0;
        header[7] = 0;
        int offset = 20;
        while (offset < headerLength)
        {
            final int room = headerLength - offset;
            final byte[] option = ipv4Option(random, room);
            System.arraycopy(option, 0, header, offset, option.length);
            offset += option.length;
        }
        return header;
    }

    private static byte[] ipv4Option(final Random random, final int room)
    {
        final int choice = random.nextInt(7);
        if (room < 4 || choice == 0)
        {
            return new byte[] {(byte)(random.nextInt(8) == 0 ? 0 : 1)};
        }
        final int length = 3 + 4 * random.nextInt((room - 3) / 4 + 1);
        final byte[] option = randomBytes(random, length);
        final int[] types = {130, 133, 134, 148, 149, 7, 68, 131, 137, 82, 25};
        option[0] = (byte)types[random.nextInt(types.length)];
        option[1] = (byte)length;
        // Source-route pointers: on an address, or just past the end once the route is done.
        option[2] = (byte)(4 * (1 + random.nextInt((length - 3) / 4 + 1)));
        return option;
    }

    private static byte[] ipv6(final Random random)
    {
        final ByteArrayOutputStream chain = new ByteArrayOutputStream();
        final int headers = random.nextInt(5);
        final int[] types = new int[headers + 1];
        for (int i = 0; i < headers; i++)
        {
            final int[] choices = i == 0 ? new int[] {0, 60, 43, 43, 60, 44} : new int[] {60, 43, 60, 135, 0};
            types[i] = choices[random.nextInt(choices.length)];
        }
        types[headers] = 51;
        final byte[] base = randomBytes(random, 40);
        base[0] = (byte)(0x60 | base[0] & 0x0F);
        base[6] = (byte)types[0];
        chain.writeBytes(base);
        for (int i = 0; i < headers; i++)
        {
            chain.writeBytes(extensionHeader(random, types[i], types[i + 1]));
        }
        return chain.toByteArray();
    }

    private static byte[] extensionHeader(final Random random, final int type, final int next)
    {
        if (type == 43)
        {
            final int routingType = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(2) * 2;
            final int addresses = routingType == 2 ? 1 : random.nextInt(5);
            final byte[] header = randomBytes(random, 8 + 16 * addresses);
            header[1] = (byte)(2 * addresses);
            header[2] = (byte)routingType;
            header[3] = (byte)random.nextInt(addresses + 1);
            header[0] = (byte)next;
            return header;
        }
        if (type == 0 || type == 60)
        {
            final int length = 8 * (1 + random.nextInt(4));
            final byte[] header = new byte[length];
            int offset = 2;
            while (offset < length)
            {
                final int room = length - offset;
                if (room < 2 || random.nextInt(6) == 0)
                {
                    offset++;
                    continue;
                }
                final int dataLength = random.nextInt(room - 1);
                header[offset] = (byte)(random.nextInt(5) == 0 ? 1 : random.nextInt(256));
                header[offset + 1] = (byte)dataLength;
                for (int i = 0; i < dataLength; i++)
                {
                    header[offset + 2 + i] = (byte)random.nextInt(256);
                }
                offset += 2 + dataLength;
            }
            header[0] = (byte)next;
            header[1] = (byte)(length / 8 - 1);
            return header;
        }
        final byte[] header = randomBytes(random, 8);
        header[0] = (byte)next;
        header[1] = type == 44 ? header[1] : 0;
        return header;
    }

    private static byte[] randomBytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(final byte[]... parts)
    {
        return TestPackets.concat(parts);
    }
}
