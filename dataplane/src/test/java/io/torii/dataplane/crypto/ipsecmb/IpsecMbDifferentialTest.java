package io.torii.dataplane.crypto.ipsecmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import io.torii.nativeshim.IpsecMb;
import io.torii.nativeshim.IpsecMbArch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native engine against the JDK engine, the oracle, through the whole ESP and AH path: for
 * every suite, with and without ESN, every payload size from 0 to 9000 on the best code path and
 * from 0 to 300 then a stride up to 9000 on every other path this CPU runs. Deterministic suites (GCM, GMAC,
 * ChaCha20-Poly1305, NULL and AH over IPv6, whose IV is the sequence number or absent) must give
 * the same bytes; CBC draws a fresh random IV per packet in each engine, so there the two must accept each
 * other's output and agree on the plaintext. In every case each engine opens what the other sealed.
 */
class IpsecMbDifferentialTest
{
    private static final int MAX_IP_PACKET = 9000 + 28;

    @BeforeAll
    static void needsTheNativeLayer()
    {
        assumeTrue(IpsecMb.isAvailable(), "ipsec-mb unavailable: " + IpsecMb.status());
    }

    static Stream<Arguments> cases()
    {
        final List<TestSas> suites = new ArrayList<>(Suites.allEsp());
        for (final IntegrityAlgorithm integrity : IntegrityAlgorithm.values())
        {
            if (integrity != IntegrityAlgorithm.NONE)
            {
                suites.add(TestSas.ah(integrity));
                suites.add(TestSas.ah(integrity).withMode(IpsecMode.TRANSPORT).withOuterIpv6(true));
            }
        }
        final List<Arguments> cases = new ArrayList<>();
        for (final IpsecMbArch arch : IpsecMbArch.values())
        {
            if (!IpsecMb.isAvailable() || !IpsecMb.supports(arch))
            {
                continue;
            }
            for (final TestSas suite : suites)
            {
                for (final boolean esn : new boolean[] {false, true})
                {
                    cases.add(Arguments.of(arch, Suites.name(suite) + (suite.protocol().name().equals("AH") ?
                        " AH " + suite.mode() : "") + (esn ? " esn" : ""), suite.withEsn(esn, esn ? 0xFFFF_FFF0L : 0)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void nativeAndJdkAgreeAndAcceptEachOther(final IpsecMbArch arch, final String name, final TestSas sas)
    {
        // CBC IVs are random, and AH over IPv4 authenticates the outer identification, which each
        // SA draws at random: those are compared by acceptance and plaintext only.
        final boolean ahOverIpv4 = sas.protocol() == IpsecProtocol.AH && !sas.outerIpv6();
        final boolean deterministic = sas.encryption() != EncryptionAlgorithm.AES_CBC_128 &&
            sas.encryption() != EncryptionAlgorithm.AES_CBC_256 && !ahOverIpv4;
        try (IpsecMbCryptoEngine nativeSender = new IpsecMbCryptoEngine(arch);
            IpsecMbCryptoEngine nativeReceiver = new IpsecMbCryptoEngine(arch);
            IpsecPair jdkToNative = new IpsecPair(sas, new JdkCryptoEngine(), nativeReceiver);
            IpsecPair nativeToJdk = new IpsecPair(sas, nativeSender, new JdkCryptoEngine()))
        {
            final List<Integer> sizes = sizes(arch == IpsecMbArch.AUTO && sas.protocol() == IpsecProtocol.ESP);
            for (int from = 0; from < sizes.size(); from += 16)
            {
                final byte[][] cleartext = cleartext(sas, sizes.subList(from, Math.min(from + 16, sizes.size())));
                final IpsecPair.Result byJdk = jdkToNative.protect(cleartext);
                final IpsecPair.Result byNative = nativeToJdk.protect(cleartext);
                assertThat(byJdk.dispositions()).containsOnly(Disposition.OK);
                assertThat(byNative.dispositions()).containsOnly(Disposition.OK);
                if (deterministic)
                {
                    // The outer IPv4 identification is drawn per SA, so compare from ESP or AH on.
                    final int ipsecStart = sas.outerIpv6() ? 40 : 20;
                    for (int i = 0; i < cleartext.length; i++)
                    {
                        final byte[] jdk = byJdk.packets().get(i);
                        final byte[] nat = byNative.packets().get(i);
                        assertThat(Arrays.copyOfRange(nat, ipsecStart, nat.length))
                            .as("packet of %d bytes", cleartext[i].length)
                            .isEqualTo(Arrays.copyOfRange(jdk, ipsecStart, jdk.length));
                    }
                }

                final IpsecPair.Result openedByNative = jdkToNative.unprotect(byJdk.packets().toArray(byte[][]::new));
                final IpsecPair.Result openedByJdk = nativeToJdk.unprotect(byNative.packets().toArray(byte[][]::new));
                assertThat(openedByNative.dispositions()).containsOnly(Disposition.OK);
                assertThat(openedByJdk.dispositions()).containsOnly(Disposition.OK);
                for (int i = 0; i < cleartext.length; i++)
                {
                    assertThat(openedByNative.packets().get(i)).isEqualTo(cleartext[i]);
                    assertThat(openedByJdk.packets().get(i)).isEqualTo(cleartext[i]);
                }
            }
        }
    }

    /**
     * @param every every payload size from 0 to 9000 (the best code path); otherwise every size to
     *        300 and a stride beyond, enough to cross each path's block and tail handling.
     */
    private static List<Integer> sizes(final boolean every)
    {
        final List<Integer> sizes = new ArrayList<>();
        final int last = MAX_IP_PACKET - 28 - 40;
        for (int size = 0; size <= last; size += every || size < 300 ? 1 : 211)
        {
            sizes.add(size);
        }
        if (sizes.getLast() != last)
        {
            sizes.add(last);
        }
        return sizes;
    }

    private static byte[][] cleartext(final TestSas sas, final List<Integer> sizes)
    {
        final byte[][] packets = new byte[sizes.size()][];
        for (int i = 0; i < packets.length; i++)
        {
            packets[i] = sas.mode() == IpsecMode.TRANSPORT ?
                Packets.udp(sas.source(), sas.destination(), sizes.get(i), sizes.get(i)) :
                Packets.udp("10.0.0.1", "10.0.0.2", sizes.get(i), sizes.get(i));
        }
        return packets;
    }
}
