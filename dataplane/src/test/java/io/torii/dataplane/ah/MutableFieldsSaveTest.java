package io.torii.dataplane.ah;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MutableFieldsSaveTest
{
    @Test
    void overlappingSavesRestoreTheFirstOriginalBytes()
    {
        final byte[] original = {1, 2, 3, 4, 5, 6, 7, 8};
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final MutableFieldsSave save = new MutableFieldsSave(16);

        assertThat(save.save(packet, 2, 4)).isTrue();
        packet.put(2, (byte)20).put(3, (byte)30).put(4, (byte)40).put(5, (byte)50);
        // A later step saves (part of) what an earlier step already changed.
        assertThat(save.saveAndZero(packet, 3, 2)).isTrue();
        assertThat(bytes).containsExactly(1, 2, 20, 0, 0, 50, 7, 8);

        save.restoreInto(packet);

        assertThat(bytes).isEqualTo(original);
        assertThat(save.isEmpty()).isTrue();
    }

    @Test
    void adjacentSavesShareARecordAndCountEveryByte()
    {
        final byte[] original = {9, 8, 7, 6, 5, 4};
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final MutableFieldsSave save = new MutableFieldsSave(6);

        assertThat(save.saveAndZero(packet, 1, 1)).isTrue();
        assertThat(save.saveAndZero(packet, 2, 2)).isTrue();
        assertThat(save.saveAndZero(packet, 5, 1)).isTrue();
        assertThat(save.savedBytes()).isEqualTo(4);
        assertThat(bytes).containsExactly(9, 0, 0, 0, 5, 0);

        save.restoreInto(packet);

        assertThat(bytes).isEqualTo(original);
    }

    @Test
    void aSaveThatDoesNotFitSavesAndChangesNothing()
    {
        final byte[] original = {1, 2, 3, 4};
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final MutableFieldsSave save = new MutableFieldsSave(3);

        assertThat(save.saveAndZero(packet, 0, 2)).isTrue();
        assertThat(save.saveAndZero(packet, 2, 2)).isFalse();
        assertThat(save.savedBytes()).isEqualTo(2);
        assertThat(bytes).containsExactly(0, 0, 3, 4);

        save.restoreInto(packet);

        assertThat(bytes).isEqualTo(original);
    }
}
