package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IKE_AUTH with chains of 4096-bit RSA certificates across a path whose MTU is 1280 (issue 7, IKE
 * fragmentation, RFC 7383), each side initiating once. The chains are made here with strongSwan's pki, once
 * for the class: a root CA, and for each gateway an intermediate CA of its own issuing its end entity, all
 * RSA-4096. Each side holds only its own intermediate and trusts only the root, so each must send its
 * intermediate after its certificate and build the other's path through the intermediate it was sent.
 * strongSwan holds its intermediate in x509ca/ (which also makes it a CA strongSwan trusts, harmless since it
 * issued only strongSwan's certificate); Torii holds its intermediate in x509/, from where Torii sends it but
 * does not take it as a CA for a peer's path. Both WAN veth ends have MTU 1280:
 * <pre>
 *  [hostA] --- [gwA torii daemon] 192.0.2.1 ==== MTU 1280 ==== 192.0.2.2 [gwB charon] --- [hostB]
 *   x509ca: root                         fragment_size 1280 (both)       x509ca: root, intermediate-b
 *   x509: gwa, intermediate-a                                            x509: gwb
 * </pre>
 * A capture on Torii's WAN end, read by tshark, shows Encrypted Fragment payloads (type 53) from both
 * gateways, no IP fragment and no datagram over 1280 bytes; ping then crosses the tunnel; strongSwan's log
 * shows Torii's intermediate arriving as an issuer certificate.
 */
@InteropTest
class ToriiStrongSwanRsaChainMtuInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MTU = 1280;
    private static final String IKE = "ab";
    private static final String CHILD = "net";
    /** RFC 7383 §2.5: the Encrypted Fragment payload's type, in the IKE header of every fragment. */
    private static final String FRAGMENTS = "isakmp.nextpayload == 53";
    /** The intermediate that issued Torii's certificate: only Torii holds it. */
    private static final String TORII_INTERMEDIATE = "C=CH, O=Torii Test, CN=Torii Chain Intermediate CA A";

    @TempDir
    static Path chain;

    @TempDir
    Path dir;

    /** Makes the root, the two intermediates and the two end entities, each with its own 4096-bit RSA key. */
    @BeforeAll
    static void issueChain()
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled() && Files.isExecutable(Path.of("/usr/bin/pki")),
            "strongSwan and its pki are not installed (./torii bootstrap installs them)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed");
        for (final String name : List.of("root", "intermediate-a", "intermediate-b", "moon-chain", "sun-chain"))
        {
            pki("pki --gen --type rsa --size 4096 --outform pem > " + chain.resolve(name + ".key"));
        }
        pki("pki --self --ca --lifetime 30 --in " + chain.resolve("root.key") + " --type rsa --dn 'C=CH, " +
            "O=Torii Test, CN=Torii Chain Root CA' --outform pem > " + chain.resolve("root.pem"));
        issue("intermediate-a", "root", TORII_INTERMEDIATE, "--ca");
        issue("intermediate-b", "root", "C=CH, O=Torii Test, CN=Torii Chain Intermediate CA B", "--ca");
        issue("moon-chain", "intermediate-a", "C=CH, O=Torii Test, CN=moon-chain.example",
            "--san moon-chain.example --flag serverAuth --flag clientAuth");
        issue("sun-chain", "intermediate-b", "C=CH, O=Torii Test, CN=sun-chain.example",
            "--san sun-chain.example --flag serverAuth --flag clientAuth");
    }

    @Test
    void toriiInitiatesAcrossMtu1280WithFragmentsBothWays() throws Exception
    {
        tunnel(true);
    }

    @Test
    void strongSwanInitiatesAcrossMtu1280WithFragmentsBothWays() throws Exception
    {
        tunnel(false);
    }

    private void tunnel(final boolean toriiInitiates) throws Exception
    {
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network net = GatewayPlacement.DIRECT_V4.build(lab);
            Commands.check("ip", "-n", net.toriiGateway(), "link", "set", "dev", net.toriiWan(), "mtu",
                Integer.toString(MTU));
            Commands.check("ip", "-n", net.strongSwanGateway(), "link", "set", "dev", net.strongSwanWan(), "mtu",
                Integer.toString(MTU));
            final Path toriiDir = CertificateConnection.credentialFolders(dir.resolve("a"));
            Files.copy(chain.resolve("moon-chain.pem"), toriiDir.resolve("x509/gwa.pem"));
            Files.copy(chain.resolve("moon-chain.key"), toriiDir.resolve("private/gwa.key"));
            Files.copy(chain.resolve("intermediate-a.pem"), toriiDir.resolve("x509/intermediate-a.pem"));
            Files.copy(chain.resolve("root.pem"), toriiDir.resolve("x509ca/root.pem"));
            final PeerSetup strongSwanSetup = PeerSetup.of(net.strongSwanGateway(),
                    Files.createDirectories(dir.resolve("b")), CertificateConnection.fragmenting(net.strongSwanLocal(),
                        net.strongSwanRemote(), "sun-chain.example", "moon-chain.example",
                        PskConnection.STRONGSWAN_SUBNET, PskConnection.TORII_SUBNET, "none", "certs = gwb.pem"))
                .withCredential("x509/gwb.pem", Files.readAllBytes(chain.resolve("sun-chain.pem")))
                .withCredential("private/gwb.key", Files.readAllBytes(chain.resolve("sun-chain.key")))
                .withCredential("x509ca/root.pem", Files.readAllBytes(chain.resolve("root.pem")))
                .withCredential("x509ca/intermediate-b.pem", Files.readAllBytes(chain.resolve("intermediate-b.pem")))
                .withCharonOptions("fragment_size = " + MTU);
            final String toriiConf = CertificateConnection.fragmenting(net.toriiLocal(), net.toriiRemote(),
                "moon-chain.example", "sun-chain.example", PskConnection.TORII_SUBNET, PskConnection.STRONGSWAN_SUBNET,
                toriiInitiates ? "start" : "none", "");
            try (PacketCapture capture = PacketCapture.start(net.toriiGateway(), net.toriiWan(), "ip",
                    dir.resolve("wan.pcapng"));
                StrongSwanPeer strongSwan = StrongSwanPeer.start(strongSwanSetup);
                ToriiGateway torii = ToriiGateway.start(net.toriiGateway(), toriiDir, net.toriiLocal(), toriiConf,
                    "fragment_size = " + MTU))
            {
                if (!toriiInitiates)
                {
                    final Commands.Result initiated = strongSwan.initiateChild(CHILD, TIMEOUT);
                    assertThat(initiated.exitCode()).as(initiated.output() + torii.output() + strongSwan.logTail(60))
                        .isZero();
                }
                final SaListing listing = strongSwan.awaitChildInstalled(CHILD, TIMEOUT);
                assertThat(listing.isChildInstalled(CHILD)).as(listing.raw() + torii.output() + strongSwan.logTail(80))
                    .isTrue();
                final ToriiSaListing atTorii = torii.awaitChildInstalled(CHILD, TIMEOUT);
                assertThat(atTorii.isChildInstalled(CHILD)).as(atTorii.raw() + torii.output()).isTrue();
                final Commands.Result ping = lab.exec(net.hostA(), "ping", "-c", "3", "-i", "0.3", "-W", "2",
                    "10.2.0.2");
                assertThat(ping.output()).as(ping.output() + torii.output() + strongSwan.logTail(40))
                    .contains("3 received");

                assertThat(capture.awaitPackets(FRAGMENTS + " && ip.src == " + net.toriiLocal(), 2, TIMEOUT))
                    .as("fragments from Torii in " + capture.file()).isTrue();
                assertThat(capture.awaitPackets(FRAGMENTS + " && ip.src == " + net.strongSwanLocal(), 2, TIMEOUT))
                    .as("fragments from strongSwan in " + capture.file()).isTrue();
                // The ESP of the pings comes after IKE_AUTH: once three of them are in, everything before is too.
                assertThat(capture.awaitPackets("udp.port == 4500 && !isakmp", 3, TIMEOUT)).isTrue();
                capture.stop();
                final List<String> fragmentsSeen = PacketCapture.read(capture.file(), FRAGMENTS, List.of(),
                    "ip.src", "udp.length");
                assertThat(fragmentsSeen.stream().filter(line -> line.startsWith(net.toriiLocal() + "\t")))
                    .as("Encrypted Fragment payloads from Torii").hasSizeGreaterThanOrEqualTo(2);
                assertThat(fragmentsSeen.stream().filter(line -> line.startsWith(net.strongSwanLocal() + "\t")))
                    .as("Encrypted Fragment payloads from strongSwan").hasSizeGreaterThanOrEqualTo(2);
                assertThat(PacketCapture.read(capture.file(), "ip.flags.mf == 1 || ip.frag_offset > 0", List.of(),
                    "frame.number", "ip.src", "ip.len")).as("IP fragments on a 1280-byte path").isEmpty();
                assertThat(PacketCapture.read(capture.file(), "ip.len > " + MTU, List.of(), "frame.number",
                    "ip.src", "ip.len")).as("datagrams over the path MTU").isEmpty();
                assertThat(String.join("\n", strongSwan.logLines())).as(strongSwan.logTail(80))
                    .contains("received issuer cert \"" + TORII_INTERMEDIATE + "\"")
                    .contains("authentication of 'moon-chain.example' with RSA");
                System.out.println("IKE fragments across MTU " + MTU + " (source, UDP length):\n" +
                    String.join("\n", fragmentsSeen));
            }
        }
    }

    private static void issue(final String subject, final String issuer, final String dn, final String options)
    {
        pki("pki --pub --in " + chain.resolve(subject + ".key") + " --type priv | pki --issue --cacert " +
            chain.resolve(issuer + ".pem") + " --cakey " + chain.resolve(issuer + ".key") + " --dn '" + dn + "' " +
            options + " --lifetime 30 --outform pem > " + chain.resolve(subject + ".pem"));
    }

    private static void pki(final String command)
    {
        Commands.check("sh", "-c", command);
    }
}
