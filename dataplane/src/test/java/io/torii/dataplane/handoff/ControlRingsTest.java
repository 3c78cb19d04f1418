package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

            // IKE goes up on one ring and down on the other, each seen by both processes.
            final InetSocketAddress gateway = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 4500);
            final InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("198.51.100.2"), 4500);
            final byte[] up = new byte[40];
            final byte[] down = new byte[60];
            Arrays.fill(down, (byte)7);
            assertThat(new IkeDatagramProxy(dataplane.ikeInRing()).send(gateway, peer, up, 0, up.length)).isTrue();
            assertThat(new IkeDatagramProxy(control.ikeOutRing()).send(gateway, peer, down, 0, down.length)).isTrue();
            final List<Integer> upLengths = new ArrayList<>();
            final List<Integer> downLengths = new ArrayList<>();
            assertThat(new IkeDatagramAdapter(control.ikeInRing()).poll((d, length) -> upLengths.add(length), 10))
                .isEqualTo(1);
            assertThat(new IkeDatagramAdapter(dataplane.ikeOutRing()).poll((d, length) -> downLengths.add(length), 10))
                .isEqualTo(1);
            assertThat(upLengths).containsExactly(up.length);
            assertThat(downLengths).containsExactly(down.length);
            assertThat(control.ikeInRing().capacity()).isEqualTo(ControlRings.DEFAULT_IKE_CAPACITY);
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
            channel.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder())
                .putInt(0, ControlRings.LAYOUT_VERSION + 1), ControlRings.VERSION_OFFSET);
        }
        assertThatThrownBy(() -> ControlRings.open(runDirectory)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("layout version " + (ControlRings.LAYOUT_VERSION + 1));
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
        assertThatThrownBy(() -> ControlRings.create(runDirectory, 64 * 1024, 64 * 1024, 3 << 16))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IKE");
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
