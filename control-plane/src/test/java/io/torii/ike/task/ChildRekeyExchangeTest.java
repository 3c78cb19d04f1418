package io.torii.ike.task;

import static io.torii.ike.task.TwoPeers.SECOND;
import static io.torii.ike.task.TwoPeers.child;
import static io.torii.ike.task.TwoPeers.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rekeying a Child SA (RFC 7296 §1.3.3, §2.8) between two in-process peers, message by message: the new
 * pair goes in make-before-break on both sides (the responder's inbound SA before it answers, the
 * initiator's sending SA switched on the answer, the responder's on the Delete of the old pair), the old
 * pair drains before it leaves the dataplane, and each side ends with one pair whose SPIs match crosswise.
 * SPIs come from counters: moon's from c0000001, sun's from d0000001; {@code net} of IKE_AUTH has the first.
 */
class ChildRekeyExchangeTest
{
    private static final long DRAIN = ChildSaStates.DRAIN_NANOS;

    static void assertPaired(final ChildSa mine, final ChildSa theirs)
    {
        assertThat(mine.outboundSpi()).isEqualTo(theirs.inboundSpi());
        assertThat(theirs.outboundSpi()).isEqualTo(mine.inboundSpi());
        assertThat(mine.outboundEncryptionKey()).isEqualTo(theirs.inboundEncryptionKey());
        assertThat(theirs.outboundEncryptionKey()).isEqualTo(mine.inboundEncryptionKey());
        assertThat(mine.localTs()).isEqualTo(theirs.remoteTs());
        assertThat(mine.remoteTs()).isEqualTo(theirs.localTs());
    }

    @Test
    void theInitiatorOfTheRekeySwitchesOnTheAnswerAndTheResponderOnTheDeleteOfTheOldPair()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa moonOld = child(peers.moon, "net");
        final ChildSa sunOld = child(peers.sun, "net");

        // moon -> sun: CREATE_CHILD_SA {N(REKEY_SA c0000001), SA c0000002, Ni, TSi, TSr}
        final List<IkeDatagram> request = peers.moon.rekeyChild(moonOld, 0);
        assertThat(header(request.getFirst()).exchangeType()).isEqualTo(ExchangeType.CREATE_CHILD_SA);
        assertThat(peers.moon.rekeyChild(moonOld, 0)).as("one rekey at a time").isEmpty();
        // sun: the new pair's inbound SA is in, it still sends with d0000001's pair.
        final List<IkeDatagram> answer = peers.toSun(request, 0);
        assertThat(peers.sunInstaller.calls).containsExactly("install d0000001", "replace d0000001 by d0000002");
        // moon: new pair in, sends with it at once, and deletes the old one: INFORMATIONAL {D(c0000001)}.
        final List<IkeDatagram> delete = peers.toMoon(answer, 0);
        assertThat(peers.moonInstaller.calls).containsExactly("install c0000001", "replace c0000001 by c0000002",
            "switch c0000002");
        assertThat(delete).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.INFORMATIONAL);
        // sun: the Delete of the old pair makes it send with the new one; the old one drains.
        final List<IkeDatagram> deleteAnswer = peers.toSun(delete, SECOND);
        assertThat(peers.sunInstaller.calls).endsWith("switch d0000002");
        assertThat(peers.toMoon(deleteAnswer, SECOND)).isEmpty();

        // Each side: one pair of net, SPIs crosswise, fresh keys; the old pairs are still in the dataplane.
        final ChildSa moonNew = child(peers.moon, "net");
        final ChildSa sunNew = child(peers.sun, "net");
        assertThat(peers.moon.children()).containsExactly(moonNew);
        assertThat(peers.sun.children()).containsExactly(sunNew);
        assertThat(moonNew.inboundSpi()).isEqualTo(0xc000_0002);
        assertThat(sunNew.inboundSpi()).isEqualTo(0xd000_0002);
        assertPaired(moonNew, sunNew);
        assertThat(moonNew.outboundEncryptionKey()).isNotEqualTo(moonOld.inboundEncryptionKey())
            .isNotEqualTo(moonOld.outboundEncryptionKey())
            .isNotEqualTo(new byte[moonNew.outboundEncryptionKey().length]);
        assertThat(peers.moonInstaller.removed).isEmpty();
        assertThat(peers.sunInstaller.removed).isEmpty();

        // The drain time after the Delete, and not before, the old pairs leave the dataplane, keys zeroed.
        assertThat(peers.moon.onTimer(SECOND + DRAIN - 1)).isEmpty();
        peers.sun.onTimer(SECOND + DRAIN - 1);
        assertThat(peers.moonInstaller.removed).isEmpty();
        peers.moon.onTimer(SECOND + DRAIN);
        peers.sun.onTimer(SECOND + DRAIN);
        assertThat(peers.moonInstaller.calls).endsWith("remove c0000001");
        assertThat(peers.sunInstaller.calls).endsWith("remove d0000001");
        assertThat(peers.moonInstaller.active()).containsExactly(moonNew);
        assertThat(peers.sunInstaller.active()).containsExactly(sunNew);
        assertThat(moonOld.inboundEncryptionKey()).containsOnly(0);
        assertThat(sunOld.inboundEncryptionKey()).containsOnly(0);
        assertThat(peers.moon.takeEvents()).containsExactly(
            "CHILD_SA net rekeyed with SPIs c0000002_i d0000002_o, replacing c0000001_i d0000001_o",
            "CHILD_SA net with SPIs c0000001_i d0000001_o deleted");
    }

    @Test
    void theOriginalResponderRekeysTooAndTheSelectorsStayTheOldPairs()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa sunOld = child(peers.sun, "net");

        peers.relay(List.of(), peers.sun.rekeyChild(sunOld, 0), 0);

        final ChildSa moonNew = child(peers.moon, "net");
        final ChildSa sunNew = child(peers.sun, "net");
        assertThat(peers.sun.children()).containsExactly(sunNew);
        assertThat(peers.moon.children()).containsExactly(moonNew);
        assertPaired(sunNew, moonNew);
        assertThat(sunNew.localTs()).isEqualTo(sunOld.localTs());
        assertThat(sunNew.remoteTs()).isEqualTo(sunOld.remoteTs());
        assertThat(peers.sunInstaller.calls).containsExactly("install d0000001", "replace d0000001 by d0000002",
            "switch d0000002");
        assertThat(peers.moonInstaller.calls).containsExactly("install c0000001", "replace c0000001 by c0000002",
            "switch c0000002");
    }

    @Test
    void withAKeyExchangeInTheEspProposalsTheRekeyCarriesKeAndBothSidesAgree()
    {
        final TwoPeers.Settings pfs = TwoPeers.Settings.plain().withEsp("aes128gcm16-x25519");
        final TwoPeers peers = new TwoPeers(pfs, pfs);
        peers.relay(peers.moon.createChild(peers.moon.profile().child("other").orElseThrow(), 0), List.of(), 0);
        final ChildSa moonOld = child(peers.moon, "other");
        final List<IkeDatagram> plain = peers.moon.rekeyChild(child(peers.moon, "net"), 0);
        peers.relay(plain, List.of(), 0);

        final List<IkeDatagram> request = peers.moon.rekeyChild(moonOld, 0);
        peers.relay(request, List.of(), 0);

        assertThat(request.getFirst().message().length).as("a 32-byte X25519 public value in a KE payload")
            .isGreaterThanOrEqualTo(plain.getFirst().message().length + 32 + 8);
        final ChildSa moonNew = child(peers.moon, "other");
        assertThat(moonNew).isNotSameAs(moonOld);
        assertPaired(moonNew, child(peers.sun, "other"));
        assertThat(moonNew.outboundEncryptionKey()).hasSize(16 + 4);
        assertThat(peers.moon.children()).extracting(ChildSa::name).containsExactlyInAnyOrder("net", "other");
    }

    @Test
    void aRekeyOfAPairThePeerDoesNotKnowIsAnsweredChildSaNotFoundAndThePairIsCreatedAgain()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa sunNet = child(peers.sun, "net");
        // sun loses net without telling moon (as after a crash of its dataplane state).
        ChildSaFactory.remove(sunContext(peers), sunNet);

        final List<IkeDatagram> request = peers.moon.rekeyChild(child(peers.moon, "net"), 0);
        final List<IkeDatagram> answer = peers.toSun(request, 0);
        assertThat(peers.sun.takeEvents()).contains("unable to rekey, ESP CHILD_SA with SPI c0000001 not found");
        // moon drops its pair and sets net up again with CREATE_CHILD_SA.
        final List<IkeDatagram> create = peers.toMoon(answer, 0);
        assertThat(create).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.CREATE_CHILD_SA);
        peers.relay(create, List.of(), 0);

        assertThat(peers.moon.children()).singleElement().extracting(ChildSa::inboundSpi).isEqualTo(0xc000_0003);
        assertPaired(child(peers.moon, "net"), child(peers.sun, "net"));
        assertThat(peers.moonInstaller.removed).extracting(ChildSa::inboundSpi).containsExactly(0xc000_0001);
    }

    @Test
    void manyRekeysFromBothSidesLeaveOnePairAndNothingBehindInTheDataplane()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        long now = 0;
        for (int round = 0; round < 40; round++)
        {
            if (round % 2 == 0)
            {
                peers.relay(peers.moon.rekeyChild(child(peers.moon, "net"), now), List.of(), now);
            }
            else
            {
                peers.relay(List.of(), peers.sun.rekeyChild(child(peers.sun, "net"), now), now);
            }
            now += DRAIN;
            peers.relay(peers.moon.onTimer(now), peers.sun.onTimer(now), now);
        }

        assertThat(peers.moon.children()).hasSize(1);
        assertThat(peers.sun.children()).hasSize(1);
        assertThat(peers.moonInstaller.active()).containsExactlyElementsOf(peers.moon.children());
        assertThat(peers.sunInstaller.active()).containsExactlyElementsOf(peers.sun.children());
        assertThat(peers.moonInstaller.removed).hasSize(40);
        assertPaired(child(peers.moon, "net"), child(peers.sun, "net"));
        assertThat(peers.moon.busy()).isFalse();
        assertThat(peers.sun.busy()).isFalse();
    }

    @Test
    void aResponderWhoseDeleteOfTheOldPairNeverComesSendsWithTheNewPairAfterTheSwitchDelay()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        // moon's Delete of the old pair is lost: sun keeps sending with d0000001's pair for now.
        peers.toMoon(peers.toSun(peers.moon.rekeyChild(child(peers.moon, "net"), 0), 0), 0);
        peers.sun.onTimer(ChildSaStates.SWITCH_DELAY_NANOS - 1);
        assertThat(peers.sunInstaller.calls).containsExactly("install d0000001", "replace d0000001 by d0000002");

        peers.sun.onTimer(ChildSaStates.SWITCH_DELAY_NANOS);
        assertThat(peers.sunInstaller.calls).endsWith("switch d0000002");
        assertThat(peers.sun.children()).as("the old pair stays until it is deleted").hasSize(2);
    }

    @Test
    void aResponderThatWantsAnotherGroupGetsItThroughInvalidKePayloadOnARekeyToo()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain().withEsp("aes256gcm16-x25519-ecp256"),
            TwoPeers.Settings.plain().withEsp("aes256gcm16-ecp256"));
        peers.relay(peers.moon.createChild(peers.moon.profile().child("other").orElseThrow(), 0), List.of(), 0);
        peers.wire.clear();

        peers.relay(peers.moon.rekeyChild(child(peers.moon, "other"), 0), List.of(), 0);

        assertThat(peers.wire).filteredOn(d -> !header(d).isResponse())
            .extracting(d -> header(d).exchangeType())
            .as("the rekey, its retry with ecp256, the Delete of the old pair")
            .containsExactly(ExchangeType.CREATE_CHILD_SA, ExchangeType.CREATE_CHILD_SA, ExchangeType.INFORMATIONAL);
        assertPaired(child(peers.moon, "other"), child(peers.sun, "other"));
        assertThat(peers.moon.children()).hasSize(2);
    }

    @Test
    void theAnswerAndTheDeleteThatLetThePeerSendWithTheNewPairWaitForTheDataplaneToHaveIt()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        peers.sunInstaller.settled = false;

        // sun's dataplane has not applied the new inbound SA yet: the answer waits.
        assertThat(peers.toSun(peers.moon.rekeyChild(child(peers.moon, "net"), 0), 0)).isEmpty();
        assertThat(peers.sun.onTimer(SECOND / 2)).isEmpty();
        peers.sunInstaller.settled = true;
        final List<IkeDatagram> answer = peers.sun.onTimer(SECOND / 2 + 1);
        assertThat(answer).singleElement().satisfies(d -> assertThat(header(d).isResponse()).isTrue());

        // moon sends with the new pair at once, but its Delete of the old one waits for its dataplane, at most
        // the gate's hold time.
        peers.moonInstaller.settled = false;
        assertThat(peers.toMoon(answer, SECOND)).isEmpty();
        assertThat(peers.moonInstaller.calls).endsWith("switch c0000002");
        assertThat(peers.moon.onTimer(SECOND + DataplaneGate.HOLD_NANOS - 1)).isEmpty();
        final List<IkeDatagram> delete = peers.moon.onTimer(SECOND + DataplaneGate.HOLD_NANOS);
        assertThat(delete).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.INFORMATIONAL);
        peers.relay(delete, List.of(), 2 * SECOND);
        assertThat(peers.sunInstaller.calls).endsWith("switch d0000002");
        assertPaired(child(peers.moon, "net"), child(peers.sun, "net"));
    }

    @Test
    void theEndOfTheIkeSaTakesDrainingPairsOutOfTheDataplaneToo()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        peers.relay(peers.moon.rekeyChild(child(peers.moon, "net"), 0), List.of(), 0);
        assertThat(peers.moonInstaller.active()).as("the old pair drains").hasSize(2);

        peers.relay(peers.moon.deleteIke(0), List.of(), 0);

        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(peers.sunInstaller.active()).isEmpty();
    }

    /** The session's SA state, for a test that must break it behind the peer's back. */
    private static IkeSaContext sunContext(final TwoPeers peers)
    {
        return peers.sun.context();
    }
}
