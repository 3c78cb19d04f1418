package io.torii.ike.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our SPIs carry their shard; every message of an SA, and every copy of an IKE_SA_INIT, finds one shard. */
class SpiShardsTest
{
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.7"), 500);
    private static final int IKE_SA_INIT = 34;
    private static final int IKE_AUTH = 35;
    private static final int INITIATOR = 0x08;
    private static final int RESPONSE = 0x20;

    /** An IKE header (RFC 7296 §3.1) with the given SPIs, exchange and flags, and nothing after it. */
    private static byte[] header(final long initiatorSpi, final long responderSpi, final int exchange,
        final int flags)
    {
        return ByteBuffer.allocate(28).putLong(initiatorSpi).putLong(responderSpi).put((byte)0).put((byte)0x20)
            .put((byte)exchange).put((byte)flags).putInt(0).putInt(28).array();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7, 256})
    void everyStampedSpiMapsBackToItsShard(final int count)
    {
        final SpiShards shards = new SpiShards(count, 42);
        final SplittableRandom random = new SplittableRandom(7);
        for (int shard = 0; shard < count; shard++)
        {
            for (int i = 0; i < 200; i++)
            {
                final long drawn = random.nextLong();
                final long spi = shards.stamp(drawn, shard);
                assertThat(shards.shardOfSpi(spi)).isEqualTo(shard);
                assertThat(spi >>> 8).as("only the low byte is the shard's").isEqualTo(drawn >>> 8);
                assertThat(shards.stampFor(shard).applyAsLong(drawn)).isEqualTo(spi);
            }
        }
    }

    @Test
    void oneShardLeavesSpisAsDrawnAndOwnsEverything()
    {
        final SpiShards one = new SpiShards(1, 42);
        assertThat(one.stamp(0x1234_5678_9abc_def1L, 0)).isEqualTo(0x1234_5678_9abc_def1L);
        assertThat(one.shardOf(header(5, 0, IKE_SA_INIT, INITIATOR), PEER)).isZero();
        assertThat(one.shardOfSpi(0xffL)).isZero();
    }

    @Test
    void eachMessageGoesToTheShardOfOurSpi()
    {
        final SpiShards shards = new SpiShards(3, 42);
        final long ours = shards.stamp(0x0123_4567_89ab_cd00L, 2);
        final long theirs = 0x1111_2222_3333_4401L;

        assertThat(shards.shardOf(header(theirs, ours, IKE_AUTH, INITIATOR), PEER))
            .as("a request from the initiator names our SPI as the responder's").isEqualTo(2);
        assertThat(shards.shardOf(header(ours, theirs, IKE_SA_INIT, RESPONSE), PEER))
            .as("an answer to our IKE_SA_INIT names our SPI as the initiator's").isEqualTo(2);
        assertThat(shards.shardOf(header(ours, theirs, IKE_AUTH, 0), PEER))
            .as("a request from the responder of our SA").isEqualTo(2);
        assertThat(shards.shardOf(header(theirs, 0, IKE_SA_INIT, INITIATOR), PEER))
            .as("a new IKE_SA_INIT is placed by SPIi and peer").isEqualTo(shards.shardOfInit(theirs, PEER));
        assertThat(shards.shardOf(new byte[27], PEER)).as("a runt goes to shard 0, which drops it").isZero();
    }

    @Test
    void initRequestsSpreadOverShardsAndEachKeepsItsShard()
    {
        final SpiShards shards = new SpiShards(3, 0x5eed);
        final SplittableRandom random = new SplittableRandom(11);
        final int[] counts = new int[3];
        for (int i = 0; i < 3000; i++)
        {
            final long spi = random.nextLong();
            final InetSocketAddress peer = new InetSocketAddress(InetAddress.ofLiteral("198.51.100." + i % 250), 500);
            final int shard = shards.shardOfInit(spi, peer);
            assertThat(shards.shardOfInit(spi, new InetSocketAddress(peer.getAddress(), 500))).isEqualTo(shard);
            counts[shard]++;
        }
        assertThat(java.util.Arrays.stream(counts).boxed().toList())
            .allSatisfy(count -> assertThat(count).isBetween(850, 1150));
    }

    @Test
    void theHashKeyChangesWhereInitsGo()
    {
        final SpiShards one = new SpiShards(4, 1);
        final SpiShards other = new SpiShards(4, 2);
        int differ = 0;
        for (long spi = 1; spi <= 100; spi++)
        {
            differ += one.shardOfInit(spi, PEER) == other.shardOfInit(spi, PEER) ? 0 : 1;
        }
        assertThat(differ).as("a peer cannot know where its SPIs land").isGreaterThan(50);
    }

    @Test
    void shardCountsOutOfRangeAreRefused()
    {
        assertThatThrownBy(() -> new SpiShards(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpiShards(257, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpiShards(3, 1).stamp(1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IkeHandlerSettings.of(0)).hasMessageContaining("torii.ike.handlers");
        assertThatThrownBy(() -> new IkeHandlerSettings(2, 1000)).hasMessageContaining("power of two");
    }
}
