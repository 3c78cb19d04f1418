package io.torii.dataplane.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.handoff.RecordingDataplaneControl.AddSa;
import io.torii.dataplane.handoff.RecordingDataplaneControl.Call;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlMessagesTest
{
    private static final SaLifetimes LIFETIMES = new SaLifetimes(1L << 40, 1L << 41, 1000, 2000, 3600, 4000);

    static Stream<SaConfig> everySa() throws Exception
    {
        final List<SaConfig> configs = new ArrayList<>();
        int n = 0;
        for (final boolean ipv6 : new boolean[] {false, true})
        {
            final InetAddress source = InetAddress.getByName(ipv6 ? "2001:db8::1" : "192.0.2.1");
            final InetAddress destination = InetAddress.getByName(ipv6 ? "2001:db8:ffff::2" : "198.51.100.2");
            for (final EncryptionAlgorithm encryption : EncryptionAlgorithm.values())
            {
                for (final IntegrityAlgorithm integrity : IntegrityAlgorithm.values())
                {
                    if (encryption.isCombinedMode() != (integrity == IntegrityAlgorithm.NONE))
                    {
                        continue;
                    }
                    n++;
                    final boolean encap = n % 2 == 0;
                    configs.add(new SaConfig("sa-" + n + "-ünï", 0x1000_0000 + n * 7919, source, destination,
                        IpsecProtocol.ESP, n % 3 == 0 ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL, encap,
                        encap ? 4500 : 0, encap ? 40000 + n : 0, encryption, integrity,
                        key(encryption.keyMaterialLength(), 0x10 + n), key(integrity.keyLength(), 0x80 + n),
                        n % 2 == 1, n % 2 == 1 ? 0xFFFF_FFFF_0000_0000L + n : n, 64 * n, n % 4 == 0 ? 1400 : 0));
                }
            }
            for (final IntegrityAlgorithm integrity : IntegrityAlgorithm.values())
            {
                if (integrity != IntegrityAlgorithm.NONE)
                {
                    n++;
                    configs.add(new SaConfig("ah-" + n, 0xFFFF_FF00 + n, source, destination, IpsecProtocol.AH,
                        IpsecMode.TUNNEL, false, 0, 0, EncryptionAlgorithm.NULL, integrity, new byte[0],
                        key(integrity.keyLength(), 0x40 + n), false, 0, SaConfig.MAX_REPLAY_WINDOW, 0));
                }
            }
        }
        return configs.stream();
    }

    static byte[] key(final int length, final int seed)
    {
        final byte[] key = new byte[length];
        for (int i = 0; i < length; i++)
        {
            // Never zero, so a zeroed ring cannot be mistaken for a key.
            key[i] = (byte)(seed + i * 31 | 1);
        }
        return key;
    }

    @ParameterizedTest
    @MethodSource("everySa")
    void addSaCarriesEveryField(final SaConfig config)
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);
        final ForwardingProgrammer programmer = new ForwardingProgrammer();
        final ControlAdapter adapter = new ControlAdapter(ring, programmer);

        final long correlationId = proxy.nextCorrelationId() + 0x1234_5678_9ABCL;
        assertThat(proxy.addSa(correlationId, config, Direction.OUTBOUND, 77, LIFETIMES)).isTrue();
        assertThat(adapter.poll(10)).isEqualTo(1);

        assertThat(programmer.invalid).isEmpty();
        final List<AddSa> added = programmer.decoded.calls(AddSa.class);
        assertThat(added).hasSize(1);
        final AddSa call = added.getFirst();
        assertThat(call.correlationId()).isEqualTo(correlationId);
        assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(call.tunnelId()).isEqualTo(77);
        assertThat(call.lifetimes()).isEqualTo(LIFETIMES);
        assertSameSa(call.config(), config);
    }

    static void assertSameSa(final SaConfig actual, final SaConfig expected)
    {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.encryptionKey()).isEqualTo(expected.encryptionKey()).isNotSameAs(expected.encryptionKey());
        assertThat(actual.integrityKey()).isEqualTo(expected.integrityKey());
        assertThat(actual.source().getClass()).isEqualTo(expected.source().getClass());
    }

    @Test
    void everyOtherRequestRoundTripsInOrder()
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);
        final RecordingDataplaneControl sent = new RecordingDataplaneControl();
        final ForwardingProgrammer programmer = new ForwardingProgrammer();

        for (final DataplaneControl control : new DataplaneControl[] {proxy, sent})
        {
            assertThat(control.allocateSpi(1, IpsecProtocol.ESP, 0x100, 0xFFFF_FFFF)).isTrue();
            assertThat(control.allocateSpi(2, IpsecProtocol.AH, 0x8000_0000, 0x8000_00FF)).isTrue();
            assertThat(control.updateSa(3, 0xC0FF_EE00, IpsecProtocol.ESP, Direction.INBOUND, LIFETIMES)).isTrue();
            assertThat(control.updateSa(4, 0x1000, IpsecProtocol.AH, Direction.OUTBOUND, SaLifetimes.NONE)).isTrue();
            assertThat(control.switchOutbound(5, 42, 0xDEAD_BEEF, IpsecProtocol.ESP)).isTrue();
            assertThat(control.deleteSa(6, 0xFEED_F00D, IpsecProtocol.ESP, Direction.INBOUND)).isTrue();
            assertThat(control.deleteSa(7, 0x300, IpsecProtocol.AH, Direction.OUTBOUND)).isTrue();
            for (final PolicyDirection direction : PolicyDirection.values())
            {
                for (final PolicyAction action : PolicyAction.values())
                {
                    assertThat(control.addPolicy(8 + direction.ordinal() * 10 + action.ordinal(),
                        100 + action.ordinal(), "10.1.0.0/16, 2001:db8:1::/48[tcp/443]", "0.0.0.0/0 ::/0",
                        direction, action, 5 + action.ordinal(), 9)).isTrue();
                }
            }
            assertThat(control.addPolicy(30, 1, "", "0.0.0.0/0", PolicyDirection.INBOUND, PolicyAction.BYPASS,
                0, 0)).isTrue();
            assertThat(control.deletePolicy(31, -5)).isTrue();
            for (final FlushScope scope : FlushScope.values())
            {
                assertThat(control.flush(32 + scope.ordinal(), scope)).isTrue();
            }
        }

        final ControlAdapter adapter = new ControlAdapter(ring, programmer);
        int read = 0;
        int polls = 0;
        while (read < sent.calls().size() && polls++ < 100)
        {
            read += adapter.poll(3);
        }
        assertThat(read).isEqualTo(sent.calls().size());
        assertThat(programmer.invalid).isEmpty();
        final List<Call> decoded = programmer.decoded.calls();
        assertThat(decoded).containsExactlyElementsOf(sent.calls());
    }

    @Test
    void pollHonoursItsLimit()
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);
        for (int i = 0; i < 10; i++)
        {
            assertThat(proxy.deletePolicy(i, i)).isTrue();
        }
        final ForwardingProgrammer programmer = new ForwardingProgrammer();
        final ControlAdapter adapter = new ControlAdapter(ring, programmer);
        assertThat(adapter.poll(4)).isEqualTo(4);
        assertThat(programmer.decoded.calls()).hasSize(4);
        assertThat(adapter.poll(100)).isEqualTo(6);
        assertThat(adapter.poll(100)).isZero();
    }

    @Test
    void fullRingRefusesWithoutBlockingAndAcceptsAgainOnceRead() throws Exception
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);
        final SaConfig config = everySa().findFirst().orElseThrow();
        int accepted = 0;
        while (proxy.addSa(accepted, config, Direction.INBOUND, 1, SaLifetimes.NONE))
        {
            accepted++;
            assertThat(accepted).isLessThan(Rings.CAPACITY);
        }
        assertThat(accepted).isGreaterThan(10);
        assertThat(proxy.addSa(-1, config, Direction.INBOUND, 1, SaLifetimes.NONE)).isFalse();

        final ForwardingProgrammer programmer = new ForwardingProgrammer();
        final ControlAdapter adapter = new ControlAdapter(ring, programmer);
        assertThat(adapter.poll(1)).isEqualTo(1);
        assertThat(proxy.addSa(accepted, config, Direction.INBOUND, 1, SaLifetimes.NONE)).isTrue();
        // Bounded, and not "until a poll returns 0": a poll that only skips the wrap padding returns 0.
        int read = 0;
        for (int polls = 0; polls < 1000 && read < accepted; polls++)
        {
            read += adapter.poll(16);
        }
        final List<AddSa> calls = programmer.decoded.calls(AddSa.class);
        assertThat(calls).hasSize(accepted + 1);
        for (int i = 0; i <= accepted; i++)
        {
            assertThat(calls.get(i).correlationId()).isEqualTo(i);
        }
        assertThat(read).isPositive();
    }

    @Test
    void adapterZeroesKeysInTheRingBeforeTheHandlerRunsEvenOnARingThatDoesNotZero() throws Exception
    {
        // OneToOneRingBuffer leaves read records in place: only the adapter can wipe the keys.
        final RingBuffer ring = Rings.oneToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);
        final SaConfig config = everySa().filter(c -> c.integrity() == IntegrityAlgorithm.HMAC_SHA2_512_256 &&
            c.encryption() == EncryptionAlgorithm.AES_CBC_256).findFirst().orElseThrow();
        final AtomicBuffer buffer = ring.buffer();
        assertThat(proxy.addSa(9, config, Direction.INBOUND, 1, SaLifetimes.NONE)).isTrue();
        assertThat(indexOf(buffer, config.encryptionKey())).isNotNegative();
        assertThat(indexOf(buffer, config.integrityKey())).isNotNegative();

        final ForwardingProgrammer programmer = new ForwardingProgrammer();
        final List<Integer> seenDuringHandler = new ArrayList<>();
        programmer.duringAddSa = () ->
        {
            seenDuringHandler.add(indexOf(buffer, config.encryptionKey()));
            seenDuringHandler.add(indexOf(buffer, config.integrityKey()));
        };
        assertThat(new ControlAdapter(ring, programmer).poll(1)).isEqualTo(1);

        assertThat(seenDuringHandler).containsExactly(-1, -1);
        assertThat(indexOf(buffer, config.encryptionKey())).isEqualTo(-1);
        assertThat(indexOf(buffer, config.integrityKey())).isEqualTo(-1);
        assertSameSa(programmer.decoded.calls(AddSa.class).getFirst().config(), config);
    }

    @Test
    void manyToOneRingIsWipedOfKeysAfterReading() throws Exception
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final RingDataplaneControl proxy = new RingDataplaneControl(ring);
        final List<SaConfig> configs = everySa().toList();
        for (final SaConfig config : configs)
        {
            assertThat(proxy.addSa(1, config, Direction.INBOUND, 1, SaLifetimes.NONE)).isTrue();
        }
        final ControlAdapter adapter = new ControlAdapter(ring, new ForwardingProgrammer());
        assertThat(adapter.poll(1000)).isEqualTo(configs.size());
        for (final SaConfig config : configs)
        {
            for (final byte[] key : new byte[][] {config.encryptionKey(), config.integrityKey()})
            {
                if (key.length > 0)
                {
                    assertThat(indexOf(ring.buffer(), key)).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void malformedRequestsAreReportedNotThrown()
    {
        final RingBuffer ring = Rings.manyToOne(Rings.CAPACITY);
        final byte[] junk = new byte[40];
        junk[7] = 9;
        ring.write(99, new org.agrona.concurrent.UnsafeBuffer(junk), 0, junk.length);
        ring.write(MessageTypes.ADD_SA, new org.agrona.concurrent.UnsafeBuffer(junk), 0, junk.length);
        ring.write(MessageTypes.FLUSH, new org.agrona.concurrent.UnsafeBuffer(new byte[] {0, 0, 0, 0, 0, 0, 0, 3, 0,
            0, 0, 7}), 0, 12);
        ring.write(MessageTypes.DELETE_SA, new org.agrona.concurrent.UnsafeBuffer(junk), 0, 4);
        final ForwardingProgrammer programmer = new ForwardingProgrammer();
        assertThat(new ControlAdapter(ring, programmer).poll(10)).isEqualTo(4);
        assertThat(programmer.decoded.calls()).isEmpty();
        assertThat(programmer.invalid).hasSize(4);
        assertThat(programmer.invalid.get(0)).startsWith("9 99 unknown request type");
        assertThat(programmer.invalid.get(1)).startsWith("9 2 add-SA message of 40 bytes");
        assertThat(programmer.invalid.get(2)).startsWith("3 8 unknown flush scope 7");
        assertThat(programmer.invalid.get(3)).startsWith("0 5 ");
    }

    @Test
    void addSaWithKeysThatDoNotFitTheAlgorithmIsInvalidAndItsKeysAreWiped() throws Exception
    {
        final RingBuffer ring = Rings.oneToOne(Rings.CAPACITY);
        final SaConfig config = everySa().filter(c -> c.encryption() == EncryptionAlgorithm.AES_CBC_128)
            .findFirst().orElseThrow();
        assertThat(new RingDataplaneControl(ring).addSa(4, config, Direction.INBOUND, 1, SaLifetimes.NONE)).isTrue();
        // Claim the SA uses another cipher than its key was made for.
        final int messageOffset = org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
        ring.buffer().putByte(messageOffset + AddSaFlyweight.ENCRYPTION_OFFSET,
            (byte)EncryptionAlgorithm.AES_CBC_256.ordinal());
        final ForwardingProgrammer programmer = new ForwardingProgrammer();
        programmer.duringAddSa = () ->
        {
            throw new AssertionError("must not be called");
        };
        new ControlAdapter(ring, programmer).poll(1);
        assertThat(programmer.invalid).singleElement().asString().startsWith("4 2 ").contains("enc_key");
        assertThat(indexOf(ring.buffer(), config.encryptionKey())).isEqualTo(-1);
        assertThat(indexOf(ring.buffer(), config.integrityKey())).isEqualTo(-1);
    }

    @Test
    void recorderRefusesWhenFullAndRecordsInOrder()
    {
        final RecordingDataplaneControl recorder = new RecordingDataplaneControl();
        assertThat(recorder.nextCorrelationId()).isNotEqualTo(recorder.nextCorrelationId());
        assertThat(recorder.deletePolicy(1, 10)).isTrue();
        recorder.full(true);
        assertThat(recorder.flush(2, FlushScope.ALL)).isFalse();
        recorder.full(false);
        assertThat(recorder.flush(3, FlushScope.SAS)).isTrue();
        assertThat(recorder.calls()).containsExactly(new RecordingDataplaneControl.DeletePolicy(1, 10),
            new RecordingDataplaneControl.Flush(3, FlushScope.SAS));
        assertThat(recorder.calls(RecordingDataplaneControl.Flush.class)).hasSize(1);
    }

    static int indexOf(final AtomicBuffer buffer, final byte[] needle)
    {
        assertThat(needle).as("a key to look for").isNotEmpty();
        final int end = buffer.capacity() - needle.length;
        outer:
        for (int i = 0; i <= end; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (buffer.getByte(i + j) != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
