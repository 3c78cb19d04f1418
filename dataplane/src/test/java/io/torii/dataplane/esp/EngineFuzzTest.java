package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input never throws out of a stage and never disturbs the good packets beside it: random
 * mutations and truncations of valid protected packets, and random bytes, go through the inbound
 * and outbound stages in batches with good packets between them.
 */
class EngineFuzzTest
{
    private static final int ROUNDS = 300;

    static Stream<TestSas> suites()
    {
        final List<TestSas> suites = new ArrayList<>();
        for (final TestSas suite : Suites.allEsp())
        {
            suites.add(suite.withEncap(suite.encryption().ordinal() % 2 == 0).withEsn(true, 0xFFFF_FF00L));
            suites.add(suite.withMode(IpsecMode.TRANSPORT).withOuterIpv6(true));
        }
        suites.add(TestSas.ah(IntegrityAlgorithm.HMAC_SHA2_256_128));
        suites.add(TestSas.ah(IntegrityAlgorithm.HMAC_SHA2_512_256).withMode(IpsecMode.TRANSPORT).withOuterIpv6(true));
        return suites.stream();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void mutatedAndRandomPacketsGetANamedDispositionAndSpareTheirNeighbours(final TestSas sas)
    {
        final Random random = new Random(sas.hashCode());
        try (IpsecPair pair = new IpsecPair(sas.withReplayWindow(0)))
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                final byte[] good = cleartext(sas, random);
                final byte[] protectedGood = pair.protectOne(good);
                final byte[] hostile = hostile(pair, sas, random);

                final IpsecPair.Result received = pair.unprotect(protectedGood, hostile, protectedGood.clone());
                assertThat(received.dispositions()).doesNotContainNull();
                assertThat(received.dispositions().get(0)).isEqualTo(Disposition.OK);
                assertThat(received.packets().get(0)).isEqualTo(good);
                assertThat(received.dispositions().get(2)).as("replay checks are off here").isEqualTo(Disposition.OK);
                assertThat(received.packets().get(2)).isEqualTo(good);

                final byte[] randomCleartext = new byte[random.nextInt(120)];
                random.nextBytes(randomCleartext);
                final IpsecPair.Result sent = pair.protect(good, randomCleartext, good);
                assertThat(sent.dispositions()).doesNotContainNull();
                assertThat(sent.dispositions().get(0)).isEqualTo(Disposition.OK);
                assertThat(sent.dispositions().get(2)).isEqualTo(Disposition.OK);
            }
        }
    }

    private static byte[] cleartext(final TestSas sas, final Random random)
    {
        final int payload = random.nextInt(200);
        if (sas.mode() == IpsecMode.TRANSPORT)
        {
            return Packets.udp(sas.source(), sas.destination(), payload, random.nextLong());
        }
        return random.nextBoolean() ? Packets.udp("10.0.0.1", "10.0.0.2", payload, random.nextLong()) :
            Packets.udp("fd00::1", "fd00::2", payload, random.nextLong());
    }

    private static byte[] hostile(final IpsecPair pair, final TestSas sas, final Random random)
    {
        final byte[] valid = pair.protectOne(cleartext(sas, random));
        return switch (random.nextInt(4))
        {
            case 0 -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case 1 ->
            {
                final byte[] mutated = valid.clone();
                for (int i = 0, flips = 1 + random.nextInt(8); i < flips; i++)
                {
                    mutated[random.nextInt(mutated.length)] ^= (byte)(1 << random.nextInt(8));
                }
                yield mutated;
            }
            case 2 ->
            {
                final byte[] noise = valid.clone();
                final int from = random.nextInt(noise.length);
                for (int i = from; i < noise.length; i++)
                {
                    noise[i] = (byte)random.nextInt();
                }
                yield noise;
            }
            default ->
            {
                final byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                yield bytes;
            }
        };
    }
}
