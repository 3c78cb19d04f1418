package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlRingsTest
{
    @TempDir
    Path runDirectory;

    @Test
    void controlPlaneViewAndDataplaneViewShareBothRings() throws Exception
    {
        try (ControlRings dataplane = ControlRings.create(runDirectory, 64 * 1024, 128 * 1024);
            ControlRings control = ControlRings.open(runDirectory))
        {
            assertThat(Files.getPosixFilePermissions(dataplane.path()))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(control.eventsRing().capacity()).isEqualTo(128 * 1024);

            final SaConfig config = ControlMessagesTest.everySa().toList().getLast();
            final RingDataplaneControl proxy = new RingDataplaneControl(control.controlRing());
            final long correlationId = proxy.nextCorrelationId();
            assertThat(proxy.nextCorrelationId()).isNotEqualTo(correlationId);
            assertThat(proxy.addSa(correlationId, config, Direction.INBOUND, 3, SaLifetimes.NONE)).isTrue();

            final ForwardingProgrammer programmer = new ForwardingProgrammer();
            assertThat(new ControlAdapter(dataplane.controlRing(), programmer).poll(10)).isEqualTo(1);
            final RecordingDataplaneControl.AddSa added =
                programmer.decoded.calls(RecordingDataplaneControl.AddSa.class).getFirst();
            assertThat(added.correlationId()).isEqualTo(correlationId);
            ControlMessagesTest.assertSameSa(added.config(), config);

            // The keys are gone from the file itself, as seen through a plain read of it.
            final byte[] file = Files.readAllBytes(dataplane.path());
            assertThat(indexOf(file, config.integrityKey())).isEqualTo(-1);

            assertThat(new EventsProxy(dataplane.eventsRing()).spiAllocated(correlationId, IpsecProtocol.AH, 0x4321))
                .isTrue();
            final RecordingEvents events = new RecordingEvents();
            assertThat(new EventsAdapter(control.eventsRing(), events).poll(10)).isEqualTo(1);
            assertThat(events.events).containsExactly("spi " + correlationId + " AH 4321");
        }
    }

    @Test
    void openRefusesAFileThatIsNotReadyOrOfAnotherVersion() throws Exception
    {
        assertThatThrownBy(() -> ControlRings.open(runDirectory)).isInstanceOf(java.io.IOException.class);
        ControlRings.create(runDirectory, 64 * 1024, 64 * 1024).close();
        final Path path = ControlRings.path(runDirectory);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(0, 2),
                ControlRings.VERSION_OFFSET);
        }
        assertThatThrownBy(() -> ControlRings.open(runDirectory)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("layout version 2");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4), ControlRings.MAGIC_OFFSET);
        }
        assertThatThrownBy(() -> ControlRings.open(runDirectory)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not ready");
    }

    @Test
    void createRefusesCapacitiesRingsCannotUse()
    {
        assertThatThrownBy(() -> ControlRings.create(runDirectory, 100_000, 64 * 1024))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> ControlRings.create(runDirectory, 64 * 1024, 1024))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events");
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
