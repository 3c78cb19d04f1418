package io.torii.dataplane.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.pcap.LinkType;
import io.torii.dataplane.pcap.PcapWriter;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks Torii's ESP and AH from the outside: Wireshark's dissectors must read every packet Torii
 * writes as well-formed, with the SPIs, sequence numbers, lengths, next headers and checksums Torii
 * meant, and Wireshark must decrypt Torii's ESP with the keys alone and find each ICV good.
 *
 * <p>Every ESP suite Torii offers, and AH with each HMAC, in tunnel and transport mode over IPv4
 * and IPv6, ESP also in UDP, each its own SA with its own SPI, go into one capture that tshark reads
 * twice: once as a passive observer without keys, once with every SA in its ESP SA table. Some
 * SAs add extended sequence numbers crossing 2^32 and a sequence number near 2^32 without them,
 * and one gives tshark a wrong integrity key to show its ICV check is real.
 *
 * <p>What Wireshark 4.0 cannot check, and so this test does not: it cannot decrypt
 * ChaCha20-Poly1305 or AES-GMAC ESP (it dissects their SPIs and sequence numbers only); it has no
 * extended sequence numbers, so it decrypts ESN SAs but computes their ICVs without the high 32
 * bits and must find them bad; and it has no AH keys, so it dissects AH but never checks its ICV.
 */
@InteropTest
class TsharkInteropTest
{
    private static final String CAPTURE = "torii.pcap";
    private static final String WRONG_KEY_CASE = "control-aes128-sha256-wrong-integ-key";
    private static final long ESN_CROSSING = 0x1_FFFF_FFFEL;
    private static final long NEAR_2_32 = 0xFFFF_FFF0L;
    private static final String WELL_FORMED = "_ws.malformed || _ws.expert.severity >= warning";
    /**
     * Checksums checked; the test datagrams' port 6000 decoded as plain data, because their random
     * payloads now and then look like some protocol to one of Wireshark's heuristic dissectors, which
     * then reports a malformed packet that says nothing about Torii.
     */
    private static final List<String> BASE_OPTIONS = Stream.of(
        Tshark.preference("ip.check_checksum", "TRUE"),
        Tshark.preference("udp.check_checksum", "TRUE"),
        List.of("-d", "udp.port==6000,data")).flatMap(List::stream).toList();
    /** Wireshark's checksum status values (epan/proto.h, proto_checksum_enum_e). */
    private static final String CHECKSUM_GOOD = "1";
    private static final String CHECKSUM_NOT_PRESENT = "3";

    private static final List<String> OUTER_FIELDS = List.of("frame.len", "frame.protocols", "ip.proto",
        "ip.len", "ip.checksum.status", "ipv6.nxt", "ipv6.plen", "udp.srcport", "udp.dstport", "udp.length",
        "udp.checksum.status", "esp.spi", "esp.sequence", "ah.spi", "ah.sequence", "ah.length",
        "ah.next_header", "ah.icv", "data.data");
    private static final List<String> DECRYPTED_FIELDS = List.of("esp.spi", "esp.sequence", "esp.iv",
        "esp.icv_good", "esp.icv_bad", "esp.pad", "esp.pad_len", "esp.protocol", "ip.src", "ip.dst", "ip.len",
        "ip.checksum.status", "ipv6.src", "ipv6.dst", "ipv6.plen", "udp.srcport", "udp.dstport", "udp.length",
        "udp.checksum.status", "data.data");

    private static final List<TsharkCase> CASES = cases();

    @TempDir
    static Path dir;

    private static Tshark tshark;
    private static List<TsharkCapture.Frame> frames;
    private static Map<String, List<Tshark.Row>> observed;
    private static Map<String, List<Tshark.Row>> decrypted;

    @BeforeAll
    static void encryptEveryCaseAndRunTshark() throws IOException
    {
        assumeTrue(Tshark.installed(), Tshark.PROGRAM + " is not installed");
        tshark = new Tshark(Files.createDirectory(dir.resolve("home")));
        frames = TsharkCapture.write(CASES, dir, CAPTURE);
        observed = byCase(tshark.fields(dir.resolve(CAPTURE), BASE_OPTIONS, OUTER_FIELDS));
        decrypted = byCase(tshark.fields(dir.resolve(CAPTURE), decryptionOptions(), DECRYPTED_FIELDS));
    }

    @Test
    void tsharkFindsNothingMalformedAndNoWarningWithoutKeys()
    {
        assertThat(tshark.matching(dir.resolve(CAPTURE), BASE_OPTIONS, WELL_FORMED)).isEmpty();
    }

    @Test
    void tsharkFindsNothingMalformedAndNoWarningInTheDecryptedPackets()
    {
        assertThat(tshark.matching(dir.resolve(CAPTURE), decryptionOptions(), WELL_FORMED)).isEmpty();
    }

    @Test
    void theWellFormedCheckCatchesABadIpv4Checksum() throws IOException
    {
        // The checks above can only pass by finding nothing: show they would find something.
        final TsharkCapture.Frame sample = frames.stream().filter(f -> !f.testCase().sa().isIpv6()).findFirst()
            .orElseThrow();
        final byte[] broken = sample.bytes().clone();
        broken[11] ^= 0x01;
        final Path file = dir.resolve("broken.pcap");
        try (PcapWriter writer = PcapWriter.open(file, LinkType.RAW))
        {
            writer.write(0, broken, 0, broken.length);
        }

        assertThat(tshark.matching(file, BASE_OPTIONS, WELL_FORMED)).singleElement().asString().startsWith("1\t");
    }

    @Test
    void theMatrixCoversEverySuiteModeAndFamily()
    {
        final Set<String> seen = new HashSet<>();
        for (final TsharkCase testCase : CASES)
        {
            final SaConfig sa = testCase.sa();
            seen.add(sa.protocol() + " " + sa.encryption() + " " + sa.integrity() + " " + sa.mode() + " " +
                sa.isIpv6() + " " + sa.udpEncapsulation());
        }
        // 14 ESP suites x 2 modes x 2 families x with and without UDP; 3 AH HMACs x 2 modes x 2 families.
        assertThat(seen).hasSize(Suites.allEsp().size() * 8 + 3 * 4);
        assertThat(observed.values().stream().mapToInt(List::size).sum()).isEqualTo(frames.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("espCases")
    void tsharkReadsTheSpiSequenceAndLengthsToriiWrote(final TsharkCase testCase)
    {
        final SaConfig sa = testCase.sa();
        final List<Tshark.Row> rows = observed.get(testCase.name());
        assertThat(rows).hasSize(TsharkCase.PACKETS);
        final SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < rows.size(); i++)
        {
            final Tshark.Row row = rows.get(i);
            final String at = testCase + " packet " + i;
            softly.assertThat(row.first("frame.protocols")).as(at).isEqualTo("raw:" + (sa.isIpv6() ? "ipv6" : "ip") +
                (sa.udpEncapsulation() ? ":udp:udpencap" : "") + ":esp");
            softly.assertThat(row.all("esp.spi")).as(at).containsExactly(testCase.spiText());
            softly.assertThat(row.all("esp.sequence")).as(at)
                .containsExactly(Long.toString(testCase.wireSequence(i)));
            checkOuterHeader(softly, at, sa, row, sa.udpEncapsulation() ? 17 : 50);
            checkIpv4Checksums(softly, at, row, sa.isIpv6() ? 0 : 1);
            if (sa.udpEncapsulation())
            {
                final int outerHeader = sa.isIpv6() ? 40 : 20;
                softly.assertThat(row.all("udp.srcport")).as(at).containsExactly("4500");
                softly.assertThat(row.all("udp.dstport")).as(at).containsExactly("4500");
                softly.assertThat(row.all("udp.length")).as(at)
                    .containsExactly(Integer.toString(frameLength(row) - outerHeader));
                // RFC 3948 §2.1: over IPv4 the checksum may be zero; IPv6 needs a real one (RFC 8200 §8.1).
                softly.assertThat(row.all("udp.checksum.status")).as(at).hasSize(1)
                    .isSubsetOf(sa.isIpv6() ? List.of(CHECKSUM_GOOD) : List.of(CHECKSUM_GOOD, CHECKSUM_NOT_PRESENT));
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ahCases")
    void tsharkReadsTheAhHeaderToriiWroteAndTheCleartextBehindIt(final TsharkCase testCase)
    {
        final SaConfig sa = testCase.sa();
        final List<Tshark.Row> rows = observed.get(testCase.name());
        assertThat(rows).hasSize(TsharkCase.PACKETS);
        // RFC 4302 §2.2, §3.3.3.2.1: the header and ICV are padded to 32 bits over IPv4, 64 over IPv6.
        final int alignment = sa.isIpv6() ? 8 : 4;
        final int ahLength = (12 + sa.integrity().icvLength() + alignment - 1) / alignment * alignment;
        final SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < rows.size(); i++)
        {
            final Tshark.Row row = rows.get(i);
            final String at = testCase + " packet " + i;
            final boolean innerIpv6 = testCase.innerIpv6(i);
            final String outer = sa.isIpv6() ? "ipv6" : "ip";
            final String inner = innerIpv6 ? "ipv6" : "ip";
            softly.assertThat(row.first("frame.protocols")).as(at).isEqualTo("raw:" + outer + ":ah" +
                (sa.mode() == IpsecMode.TUNNEL ? ":" + inner : "") + ":udp:data");
            softly.assertThat(row.all("ah.spi")).as(at).containsExactly(testCase.spiText());
            softly.assertThat(row.all("ah.sequence")).as(at).containsExactly(Long.toString(testCase.wireSequence(i)));
            softly.assertThat(row.all("ah.length")).as(at).containsExactly(Integer.toString(ahLength / 4 - 2));
            softly.assertThat(row.all("ah.next_header")).as(at)
                .containsExactly(Integer.toString(testCase.nextHeader(i)));
            softly.assertThat(row.first("ah.icv")).as(at).hasSize((ahLength - 12) * 2);
            checkOuterHeader(softly, at, sa, row, 51);
            checkIpv4Checksums(softly, at, row, ipv4Headers(sa, innerIpv6));
            // AH leaves the payload in clear: tshark sees the very datagram Torii was given.
            softly.assertThat(row.all("data.data")).as(at).containsExactly(testCase.payloadHex(i));
            softly.assertThat(row.all("udp.checksum.status")).as(at).containsExactly(CHECKSUM_GOOD);
            softly.assertThat(row.last("udp.length")).as(at).isEqualTo(Integer.toString(
                testCase.cleartext().get(i).length - TsharkUdp.headerLength(testCase.cleartext().get(i))));
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decryptableCases")
    void tsharkDecryptsToriisEspWithTheKeysAndFindsEachIcvGood(final TsharkCase testCase)
    {
        final List<Tshark.Row> rows = decrypted.get(testCase.name());
        assertThat(rows).hasSize(TsharkCase.PACKETS);
        final SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < rows.size(); i++)
        {
            final Tshark.Row row = rows.get(i);
            final String at = testCase + " packet " + i;
            checkDecryptedPacket(softly, at, testCase, i, row);
            softly.assertThat(row.all("esp.icv_good")).as(at).containsExactly("1");
            softly.assertThat(row.all("esp.icv_bad")).as(at).containsExactly("0");
        }
        softly.assertAll();
    }

    /**
     * Wireshark 4.0 has no ESN: it decrypts with the 32 bits on the wire, which is all AES-CBC and
     * AES-GCM's counter need, but authenticates only those 32 bits. Torii must authenticate all 64
     * (RFC 4303 §2.2.1 and §3.3.2.1, RFC 4106 §5's 12-byte AAD), so here Wireshark must find every
     * ICV bad: "good" would mean Torii left the high half out. A Wireshark that learns ESN would
     * need it configured per SA, which 4.0's SA table has no field for.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("esnCases")
    void tsharkDecryptsEsnSasButCannotAuthenticateTheirHighBits(final TsharkCase testCase)
    {
        final List<Tshark.Row> rows = decrypted.get(testCase.name());
        assertThat(rows).hasSize(TsharkCase.PACKETS);
        final SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < rows.size(); i++)
        {
            final Tshark.Row row = rows.get(i);
            final String at = testCase + " packet " + i;
            checkDecryptedPacket(softly, at, testCase, i, row);
            softly.assertThat(row.all("esp.icv_good")).as(at).containsExactly("0");
            softly.assertThat(row.all("esp.icv_bad")).as(at).containsExactly("1");
        }
        softly.assertAll();
    }

    @Test
    void tsharkReportsABadIcvWhenGivenTheWrongIntegrityKey()
    {
        final TsharkCase control = CASES.stream().filter(c -> c.name().equals(WRONG_KEY_CASE)).findFirst()
            .orElseThrow();
        final List<Tshark.Row> rows = decrypted.get(control.name());
        assertThat(rows).hasSize(TsharkCase.PACKETS);
        for (int i = 0; i < rows.size(); i++)
        {
            // AES-CBC still decrypts: the wrong key is the integrity key only.
            assertThat(rows.get(i).all("data.data")).containsExactly(control.payloadHex(i));
            assertThat(rows.get(i).all("esp.icv_good")).containsExactly("0");
            assertThat(rows.get(i).all("esp.icv_bad")).containsExactly("1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gcmCases")
    void gcmIvsNeverRepeatWithinAnSa(final TsharkCase testCase)
    {
        // RFC 4106 §3.1: an IV may never be reused under one key; the counter Torii uses must advance.
        final List<String> ivs = new ArrayList<>();
        for (final Tshark.Row row : decrypted.get(testCase.name()))
        {
            assertThat(row.all("esp.iv")).hasSize(1);
            ivs.add(row.first("esp.iv"));
        }
        assertThat(ivs).hasSize(TsharkCase.PACKETS).doesNotHaveDuplicates();
        assertThat(ivs).allSatisfy(iv -> assertThat(iv).hasSize(16));
    }

    private static void checkOuterHeader(final SoftAssertions softly, final String at, final SaConfig sa,
        final Tshark.Row row, final int protocol)
    {
        final int frameLength = frameLength(row);
        if (sa.isIpv6())
        {
            softly.assertThat(row.first("ipv6.nxt")).as(at).isEqualTo(Integer.toString(protocol));
            softly.assertThat(row.first("ipv6.plen")).as(at).isEqualTo(Integer.toString(frameLength - 40));
        }
        else
        {
            softly.assertThat(row.first("ip.proto")).as(at).isEqualTo(Integer.toString(protocol));
            softly.assertThat(row.first("ip.len")).as(at).isEqualTo(Integer.toString(frameLength));
        }
    }

    /** @return the IPv4 headers tshark sees in a frame whose inner packet it can read. */
    private static int ipv4Headers(final SaConfig sa, final boolean innerIpv6)
    {
        return (sa.isIpv6() ? 0 : 1) + (sa.mode() == IpsecMode.TUNNEL && !innerIpv6 ? 1 : 0);
    }

    private static void checkIpv4Checksums(final SoftAssertions softly, final String at, final Tshark.Row row,
        final int headers)
    {
        // tshark recomputes the checksum of every IPv4 header it dissects, outer and inner.
        if (headers == 0)
        {
            softly.assertThat(row.all("ip.checksum.status")).as(at).isEmpty();
        }
        else
        {
            softly.assertThat(row.all("ip.checksum.status")).as(at).hasSize(headers).containsOnly(CHECKSUM_GOOD);
        }
    }

    private static void checkDecryptedPacket(final SoftAssertions softly, final String at,
        final TsharkCase testCase, final int packet, final Tshark.Row row)
    {
        final SaConfig sa = testCase.sa();
        final byte[] clear = testCase.cleartext().get(packet);
        final boolean innerIpv6 = testCase.innerIpv6(packet);
        softly.assertThat(row.all("esp.spi")).as(at).containsExactly(testCase.spiText());
        softly.assertThat(row.all("esp.sequence")).as(at).containsExactly(Long.toString(testCase.wireSequence(packet)));
        softly.assertThat(row.all("esp.protocol").stream().map(Integer::decode).toList()).as(at)
            .containsExactly(testCase.nextHeader(packet));

        // RFC 4303 §2.4: padding bytes 1, 2, 3, ... and the encrypted part a whole number of blocks.
        softly.assertThat(row.all("esp.pad_len")).as(at + " pad length").hasSize(1);
        if (row.all("esp.pad_len").size() != 1)
        {
            return;
        }
        final int padLength = Integer.parseInt(row.first("esp.pad_len"));
        final byte[] pad = new byte[padLength];
        for (int i = 0; i < padLength; i++)
        {
            pad[i] = (byte)(i + 1);
        }
        softly.assertThat(row.all("esp.pad")).as(at)
            .isEqualTo(padLength == 0 ? List.of() : List.of(HexFormat.of().formatHex(pad)));
        final int protectedLength = sa.mode() == IpsecMode.TUNNEL ? clear.length :
            clear.length - TsharkUdp.headerLength(clear);
        softly.assertThat((protectedLength + padLength + 2) % sa.encryption().blockSize()).as(at + " alignment")
            .isZero();

        if (sa.mode() == IpsecMode.TUNNEL)
        {
            final String family = innerIpv6 ? "ipv6" : "ip";
            softly.assertThat(row.last(family + ".src")).as(at)
                .isEqualTo(innerIpv6 ? TsharkCase.INNER_V6_SOURCE : TsharkCase.INNER_V4_SOURCE);
            softly.assertThat(row.last(family + ".dst")).as(at)
                .isEqualTo(innerIpv6 ? TsharkCase.INNER_V6_DESTINATION : TsharkCase.INNER_V4_DESTINATION);
            softly.assertThat(row.last(innerIpv6 ? "ipv6.plen" : "ip.len")).as(at)
                .isEqualTo(Integer.toString(innerIpv6 ? clear.length - 40 : clear.length));
        }
        softly.assertThat(row.last("udp.srcport")).as(at).isEqualTo("5000");
        softly.assertThat(row.last("udp.dstport")).as(at).isEqualTo("6000");
        softly.assertThat(row.last("udp.length")).as(at)
            .isEqualTo(Integer.toString(clear.length - TsharkUdp.headerLength(clear)));
        // The inner checksums were right before Torii; after tshark's decryption they must still be.
        softly.assertThat(row.last("udp.checksum.status")).as(at).isEqualTo(CHECKSUM_GOOD);
        checkIpv4Checksums(softly, at, row, ipv4Headers(sa, innerIpv6));
        softly.assertThat(row.all("data.data")).as(at).containsExactly(testCase.payloadHex(packet));
    }

    private static int frameLength(final Tshark.Row row)
    {
        return Integer.parseInt(row.first("frame.len"));
    }

    private static Map<String, List<Tshark.Row>> byCase(final List<Tshark.Row> rows)
    {
        assertThat(rows).as("one row per frame").hasSize(frames.size());
        final Map<String, List<Tshark.Row>> byCase = new LinkedHashMap<>();
        for (final Tshark.Row row : rows)
        {
            final TsharkCapture.Frame frame = frames.get(row.frame() - 1);
            byCase.computeIfAbsent(frame.testCase().name(), name -> new ArrayList<>()).add(row);
        }
        return byCase;
    }

    private static List<String> decryptionOptions()
    {
        final List<String> options = new ArrayList<>(BASE_OPTIONS);
        options.addAll(Tshark.preference("esp.enable_encryption_decode", "TRUE"));
        options.addAll(Tshark.preference("esp.enable_authentication_check", "TRUE"));
        for (final TsharkCase testCase : CASES)
        {
            final SaConfig sa = testCase.sa();
            if (sa.protocol() == IpsecProtocol.ESP && TsharkEspSa.decryptable(sa))
            {
                final String integrityKey = testCase.name().equals(WRONG_KEY_CASE) ?
                    flipFirstByte(testCase.integrityKeyHex()) : testCase.integrityKeyHex();
                options.addAll(TsharkEspSa.option(sa, testCase.encryptionKeyHex(), integrityKey));
            }
        }
        return options;
    }

    private static String flipFirstByte(final String hex)
    {
        final byte[] key = HexFormat.of().parseHex(hex);
        key[0] ^= (byte)0xFF;
        return HexFormat.of().formatHex(key);
    }

    static Stream<TsharkCase> espCases()
    {
        return CASES.stream().filter(c -> c.sa().protocol() == IpsecProtocol.ESP);
    }

    static Stream<TsharkCase> ahCases()
    {
        return CASES.stream().filter(c -> c.sa().protocol() == IpsecProtocol.AH);
    }

    static Stream<TsharkCase> decryptableCases()
    {
        return espCases().filter(c -> TsharkEspSa.decryptable(c.sa()) && !c.sa().esn() &&
            !c.name().equals(WRONG_KEY_CASE));
    }

    static Stream<TsharkCase> esnCases()
    {
        return espCases().filter(c -> c.sa().esn());
    }

    static Stream<TsharkCase> gcmCases()
    {
        return espCases().filter(c -> c.sa().encryption() == EncryptionAlgorithm.AES_GCM_16_128 ||
            c.sa().encryption() == EncryptionAlgorithm.AES_GCM_16_256);
    }

    private static List<TsharkCase> cases()
    {
        final List<TsharkCase> cases = new ArrayList<>();
        int spi = 0x1000;
        for (final TestSas suite : Suites.allEsp())
        {
            for (final IpsecMode mode : IpsecMode.values())
            {
                for (final boolean ipv6 : new boolean[] {false, true})
                {
                    for (final boolean encap : new boolean[] {false, true})
                    {
                        final String proposal = Suites.name(suite);
                        cases.add(TsharkCase.of(name("esp", proposal, mode, ipv6, encap), spi, IpsecProtocol.ESP,
                            proposal, mode, ipv6, encap, false, 0, spi++));
                    }
                }
            }
        }
        for (final IntegrityAlgorithm integrity : IntegrityAlgorithm.values())
        {
            if (integrity == IntegrityAlgorithm.NONE)
            {
                continue;
            }
            for (final IpsecMode mode : IpsecMode.values())
            {
                for (final boolean ipv6 : new boolean[] {false, true})
                {
                    cases.add(TsharkCase.of(name("ah", integrity.keyword(), mode, ipv6, false), spi,
                        IpsecProtocol.AH, integrity.keyword(), mode, ipv6, false, false, 0, spi++));
                }
            }
        }
        // SPIs with the top bit set, so a signed SPI anywhere would show.
        cases.add(TsharkCase.of("esn-aes128gcm16-tunnel-ipv4", 0xC000_0001, IpsecProtocol.ESP, "aes128gcm16-esn",
            IpsecMode.TUNNEL, false, false, true, ESN_CROSSING, 1));
        cases.add(TsharkCase.of("esn-aes256-sha512-transport-ipv6-udp", 0xC000_0002, IpsecProtocol.ESP,
            "aes256-sha512-esn", IpsecMode.TRANSPORT, true, true, true, ESN_CROSSING, 2));
        cases.add(TsharkCase.of("esn-ah-sha384-tunnel-ipv6", 0xC000_0003, IpsecProtocol.AH, "sha384-esn",
            IpsecMode.TUNNEL, true, false, true, ESN_CROSSING, 3));
        cases.add(TsharkCase.of("near-2-32-aes256gcm16-transport-ipv4", 0xFFFF_FF00, IpsecProtocol.ESP,
            "aes256gcm16", IpsecMode.TRANSPORT, false, false, false, NEAR_2_32, 4));
        cases.add(TsharkCase.of(WRONG_KEY_CASE, 0xC000_0005, IpsecProtocol.ESP, "aes128-sha256", IpsecMode.TUNNEL,
            false, false, false, 0, 5));
        return List.copyOf(cases);
    }

    private static String name(final String protocol, final String proposal, final IpsecMode mode,
        final boolean ipv6, final boolean encap)
    {
        return protocol + "-" + proposal + "-" + (mode == IpsecMode.TUNNEL ? "tunnel" : "transport") +
            (ipv6 ? "-ipv6" : "-ipv4") + (encap ? "-udp" : "");
    }
}
