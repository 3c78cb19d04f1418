package io.torii.ike.task;

import static io.torii.ike.task.TwoPeers.child;
import static io.torii.ike.task.TwoPeers.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildProfile;
import io.torii.ike.sa.ChildSa;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CREATE_CHILD_SA for additional Child SAs (RFC 7296 §1.3.1) between two in-process peers whose IKE SA
 * is up: with and without a key exchange, the INVALID_KE_PAYLOAD retry, and each refusal, which leaves
 * the IKE SA and its first Child SA as they were.
 */
class CreateChildSaExchangeTest
{
    private static ChildProfile other(final IkeSession session)
    {
        return session.profile().child("other").orElseThrow();
    }

    private static void assertPaired(final ChildSa mine, final ChildSa theirs)
    {
        assertThat(mine.outboundSpi()).isEqualTo(theirs.inboundSpi());
        assertThat(theirs.outboundSpi()).isEqualTo(mine.inboundSpi());
        assertThat(mine.outboundEncryptionKey()).isEqualTo(theirs.inboundEncryptionKey());
        assertThat(theirs.outboundEncryptionKey()).isEqualTo(mine.inboundEncryptionKey());
        assertThat(mine.localTs()).isEqualTo(theirs.remoteTs());
        assertThat(mine.remoteTs()).isEqualTo(theirs.localTs());
    }

    @Test
    void theInitiatorOfTheIkeSaAddsASecondChildWithFreshSpisAndKeys()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        final List<IkeDatagram> request = peers.moon.createChild(other(peers.moon), 0);
        peers.relay(request, List.of(), 0);

        assertThat(header(request.getFirst()).exchangeType()).isEqualTo(ExchangeType.CREATE_CHILD_SA);
        assertThat(header(request.getFirst()).messageId()).as("after IKE_SA_INIT 0 and IKE_AUTH 1").isEqualTo(2);
        assertThat(peers.moon.children()).extracting(ChildSa::name).containsExactly("net", "other");
        final ChildSa moonOther = child(peers.moon, "other");
        final ChildSa sunOther = child(peers.sun, "other");
        assertPaired(moonOther, sunOther);
        assertThat(moonOther.inboundSpi()).isEqualTo(0xc000_0002);
        assertThat(sunOther.inboundSpi()).isEqualTo(0xd000_0002);
        assertThat(moonOther.outboundEncryptionKey()).as("new nonces, new keys")
            .isNotEqualTo(child(peers.moon, "net").outboundEncryptionKey());
        assertThat(InetAddress.ofLiteral("10.1.1.0").getAddress())
            .isEqualTo(moonOther.localTs().getFirst().startAddress());
        assertThat(peers.moon.takeEvents()).singleElement().asString()
            .startsWith("CHILD_SA other established with SPIs c0000002_i d0000002_o");
        assertThat(peers.sunInstaller.installed).hasSize(2);
    }

    @Test
    void theOriginalResponderCanCreateAChildToo()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        final List<IkeDatagram> request = peers.sun.createChild(other(peers.sun), 0);
        peers.relay(List.of(), request, 0);

        assertThat(header(request.getFirst()).messageId()).as("sun's own counter starts at 0").isZero();
        assertThat(header(request.getFirst()).isInitiator()).isFalse();
        assertPaired(child(peers.sun, "other"), child(peers.moon, "other"));
        assertThat(child(peers.sun, "other").localTs().getFirst().startAddress())
            .isEqualTo(InetAddress.ofLiteral("10.2.1.0").getAddress());
    }

    @Test
    void withAKeyExchangeGroupInTheEspProposalsTheChildHasPerfectForwardSecrecy()
    {
        final TwoPeers.Settings pfs = TwoPeers.Settings.plain().withEsp("aes128gcm16-ecp256");
        final TwoPeers peers = new TwoPeers(pfs, pfs);

        final List<IkeDatagram> request = peers.moon.createChild(other(peers.moon), 0);
        final TwoPeers noPfs = new TwoPeers(TwoPeers.Settings.plain().withEsp("aes128gcm16"),
            TwoPeers.Settings.plain());
        final int withoutKe = noPfs.moon.createChild(other(noPfs.moon), 0).getFirst().message().length;
        peers.relay(request, List.of(), 0);

        assertThat(request.getFirst().message().length).as("a 64-byte ECP-256 public value in a KE payload")
            .isGreaterThanOrEqualTo(withoutKe + 64 + 8);
        assertPaired(child(peers.moon, "other"), child(peers.sun, "other"));
        assertThat(child(peers.moon, "other").outboundEncryptionKey()).hasSize(16 + 4);
    }

    @Test
    void aResponderThatWantsAnotherGroupGetsItThroughInvalidKePayload()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain().withEsp("aes256gcm16-x25519-ecp256"),
            TwoPeers.Settings.plain().withEsp("aes256gcm16-ecp256"));

        peers.relay(peers.moon.createChild(other(peers.moon), 0), List.of(), 0);

        final List<IkeDatagram> requests = peers.wire.stream().filter(d -> !header(d).isResponse()).toList();
        assertThat(requests).extracting(d -> header(d).messageId()).as("the retry is a new exchange")
            .containsExactly(2, 3);
        assertPaired(child(peers.moon, "other"), child(peers.sun, "other"));
        assertThat(peers.sun.takeEvents()).anySatisfy(e -> assertThat(e).contains("INVALID_KE_PAYLOAD"));
    }

    @Test
    void aResponderThatRequiresPfsRefusesAnOfferWithoutItAndTheIkeSaStaysUp()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(),
            TwoPeers.Settings.plain().withEsp("aes256gcm16-x25519"));

        peers.relay(peers.moon.createChild(other(peers.moon), 0), List.of(), 0);

        assertThat(peers.moon.takeEvents()).singleElement().asString()
            .isEqualTo("CHILD_SA other not established: the responder refused it: NO_PROPOSAL_CHOSEN");
        assertThat(peers.sun.takeEvents()).singleElement().asString().contains("no acceptable proposal for other");
        assertThat(peers.moon.children()).extracting(ChildSa::name).containsExactly("net");
        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(peers.sunInstaller.installed).hasSize(1);
    }

    @Test
    void selectorsNoChildOfTheResponderCoversAreRefusedWithTsUnacceptable()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain().withOtherTs("10.1.7.0/24", "10.9.0.0/16"),
            TwoPeers.Settings.plain());

        peers.relay(peers.moon.createChild(other(peers.moon), 0), List.of(), 0);

        assertThat(peers.moon.takeEvents()).singleElement().asString().endsWith("TS_UNACCEPTABLE");
        assertThat(peers.moonInstaller.installed).hasSize(1);
        assertThat(peers.sunInstaller.installed).hasSize(1);
    }

    @Test
    void aResponderWhoseDataplaneCannotTakeThePairAnswersNoAdditionalSas()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        peers.sunInstaller.refuseWith = "no room for another SA";

        peers.relay(peers.moon.createChild(other(peers.moon), 0), List.of(), 0);

        assertThat(peers.moon.takeEvents()).singleElement().asString().endsWith("NO_ADDITIONAL_SAS");
        assertThat(peers.sun.takeEvents()).singleElement().asString().contains("no room for another SA");
        assertThat(peers.moon.children()).hasSize(1);
        assertThat(peers.sun.children()).hasSize(1);
    }

    @Test
    void aSecondChildRequestWaitsForTheFirstToBeAnswered()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        final List<IkeDatagram> first = peers.moon.createChild(other(peers.moon), 0);
        final List<IkeDatagram> second = peers.moon.createChild(other(peers.moon), 0);

        assertThat(first).hasSize(1);
        assertThat(second).as("a window of one request").isEmpty();
        assertThat(peers.moon.busy()).isTrue();
        peers.relay(first, List.of(), 0);
        assertThat(peers.moon.children()).extracting(ChildSa::name).containsExactly("net", "other", "other");
        assertThat(peers.wire).filteredOn(d -> !header(d).isResponse()).extracting(d -> header(d).messageId())
            .containsExactly(2, 3);
        assertThat(peers.moon.busy()).isFalse();
    }
}
