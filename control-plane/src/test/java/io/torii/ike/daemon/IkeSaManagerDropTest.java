package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.torii.ike.config.IkeConnection;
import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import io.torii.ike.task.IkeSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SA manager of a responder fed bad IKE_SA_INIT requests: every message is answered or counted as a
 * drop with a reason, no exception escapes, and a request that was dropped holds no SA and no half-open
 * slot of its sender.
 */
class IkeSaManagerDropTest
{
    private static final InetSocketAddress RESPONDER = at("192.0.2.2");
    private static final InetSocketAddress PEER = at("192.0.2.1");
    private static final long PEER_SPI = 0x0102_0304_0506_0708L;
    private static final int FUZZ_ROUNDS = 3_000;
    private static final long FUZZ_SEED = 0x7041_11L;

    private final List<IkeDatagram> sent = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final SecureRandom random = new SecureRandom();
    private final IkeSaManager manager = new IkeSaManager(List.of(connection("192.0.2.2", "192.0.2.1")), random,
        new NoInstaller(), sent::add, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
        HalfOpenLimits.STRONGSWAN_DEFAULTS);

    @AfterEach
    void close()
    {
        manager.close();
    }

    private static InetSocketAddress at(final String address)
    {
        return new InetSocketAddress(InetAddress.ofLiteral(address), IkeDatagram.IKE_PORT);
    }

    private static Connection connection(final String local, final String remote)
    {
        final SwanctlConfig config = SwanctlReader.read("""
            connections {
              ab {
                local_addrs = %s
                remote_addrs = %s
                proposals = aes128gcm16-prfsha256-x25519
                local {
                  auth = psk
                  id = a.example
                }
                remote {
                  auth = psk
                  id = b.example
                }
                children {
                  net {
                    local_ts = 10.1.0.0/24
                    remote_ts = 10.2.0.0/24
                    esp_proposals = aes128gcm16
                  }
                }
              }
            }
            secrets {
              ike {
                id-a = a.example
                id-b = b.example
                secret = "drop counting"
              }
            }
            """.formatted(local, remote), "swanctl.conf").config();
        final IkeConnection ike = config.connections().get("ab");
        return Connection.of(PeerProfiles.from(ike, config.sharedSecrets(), RetransmitSchedule.STRONGSWAN_DEFAULTS),
            ike, InetAddress.ofLiteral(local));
    }

    /** A well-formed IKE_SA_INIT request from the peer, as an initiator session builds it. */
    private byte[] validInit(final long initiatorSpi)
    {
        final Connection peer = connection("192.0.2.1", "192.0.2.2");
        final IkeSession initiator = IkeSession.initiate(peer.profile(), PEER, RESPONDER, random, new NoInstaller(),
            initiatorSpi);
        final byte[] request = initiator.start(0).getFirst().message();
        initiator.destroy();
        return request;
    }

    private static IkeDatagram arriving(final byte[] message)
    {
        return new IkeDatagram(RESPONDER, PEER, message);
    }

    @Test
    void aValidInitIsAnswered()
    {
        manager.onDatagram(arriving(validInit(PEER_SPI)), 0);

        assertThat(sent).hasSize(1);
        assertThat(manager.sessions()).hasSize(1);
        assertThat(manager.dropCounts().total()).isZero();
    }

    @Test
    void undecodableInitsHoldNoSaAndNoHalfOpenSlot()
    {
        final byte[] init = validInit(PEER_SPI);
        // Each a new SA to the manager (SPIi differs), each with a length field that disagrees with the datagram.
        for (int i = 0; i < 10; i++)
        {
            final byte[] bad = init.clone();
            ByteBuffer.wrap(bad).putLong(0, PEER_SPI + 1 + i).putInt(24, init.length + 1);
            manager.onDatagram(arriving(bad), 0);
        }

        assertThat(sent).isEmpty();
        assertThat(manager.sessions()).isEmpty();
        assertThat(manager.dropCounts().counts()).containsEntry("length_mismatch", 10L);
        // strongSwan's per-address block threshold is 5: the peer's slots must all be free again.
        manager.onDatagram(arriving(init), 0);
        assertThat(sent).hasSize(1);
    }

    @Test
    void tooShortAndUnknownSpiAreCountedAndLogged()
    {
        manager.onDatagram(arriving(new byte[27]), 0);
        final byte[] stray = validInit(PEER_SPI);
        ByteBuffer.wrap(stray).putLong(8, 0x0badL);
        manager.onDatagram(arriving(stray), 0);

        assertThat(manager.dropCounts().counts()).containsEntry(DropCounts.TOO_SHORT, 1L)
            .containsEntry(DropCounts.UNKNOWN_SPI, 1L);
        manager.close();
        assertThat(logBytes.toString(StandardCharsets.UTF_8))
            .contains("[NET] dropped 2 malformed messages: too_short=1 unknown_spi=1");
    }

    @Test
    void fuzzedInitsAreEachAnsweredOrCountedWithoutAnException()
    {
        final Random fuzz = new Random(FUZZ_SEED);
        final byte[] init = validInit(PEER_SPI);
        for (int round = 0; round < FUZZ_ROUNDS; round++)
        {
            final byte[] mutant = mutate(init, fuzz);
            final long dropsBefore = manager.dropCounts().total();
            final int sentBefore = sent.size();
            try
            {
                manager.onDatagram(arriving(mutant), round);
            }
            catch (final RuntimeException ex)
            {
                fail("round " + round + " threw for " + HexFormat.of().formatHex(mutant), ex);
            }
            final long counted = manager.dropCounts().total() - dropsBefore + sent.size() - sentBefore;
            assertThat(counted).as("round %d: answered or counted once: %s", round,
                HexFormat.of().formatHex(mutant)).isEqualTo(1);
            if (round % 50 == 0)
            {
                // Let half-open SAs time out, so that the per-address limits do not swallow every later round.
                manager.onTimer(round + HalfOpenLimits.STRONGSWAN_DEFAULTS.halfOpenTimeoutNanos() + 1);
            }
        }
    }

    /** One of: a few flipped bytes, a truncation, or a payload length field set to a random value. */
    private static byte[] mutate(final byte[] original, final Random fuzz)
    {
        final byte[] mutant = original.clone();
        ByteBuffer.wrap(mutant).putLong(0, fuzz.nextLong() | 1);
        switch (fuzz.nextInt(3))
        {
            case 0 ->
            {
                for (int i = 0, n = 1 + fuzz.nextInt(4); i < n; i++)
                {
                    final int at = 16 + fuzz.nextInt(mutant.length - 16);
                    mutant[at] = (byte)fuzz.nextInt(256);
                }
                return mutant;
            }
            case 1 ->
            {
                final int length = 28 + fuzz.nextInt(mutant.length - 28);
                final byte[] cut = java.util.Arrays.copyOf(mutant, length);
                ByteBuffer.wrap(cut).putInt(24, length);
                return cut;
            }
            default ->
            {
                // The generic payload header's length (RFC 7296 §3.2) of the first payload, at offset 30.
                ByteBuffer.wrap(mutant).putShort(30, (short)fuzz.nextInt(1 << 16));
                return mutant;
            }
        }
    }

    /** Child SAs are never reached by an IKE_SA_INIT. */
    private static final class NoInstaller implements ChildSaInstaller
    {
        private int next = 0xc000_0000;

        @Override
        public int allocateSpi()
        {
            return next++;
        }

        @Override
        public String install(final ChildSa childSa)
        {
            return "not in this test";
        }

        @Override
        public String remove(final ChildSa childSa)
        {
            return "not in this test";
        }
    }
}
