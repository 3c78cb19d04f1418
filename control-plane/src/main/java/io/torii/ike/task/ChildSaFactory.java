package io.torii.ike.task;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.ike.dataplane.EspAlgorithms;
import io.torii.ike.dataplane.SelectorText;
import io.torii.ike.keymat.ChildKeyDerivation;
import io.torii.ike.keymat.ChildKeys;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.TrafficSelector;
import io.torii.ike.message.payload.TrafficSelectorPayload;
import io.torii.ike.proposal.ExtendedSequenceNumbers;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformType;
import io.torii.ike.sa.ChildProfile;
import io.torii.ike.sa.ChildSa;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the tasks that create, rekey and delete Child SAs share: ESP SPIs on the wire, the pair's keys
 * (RFC 7296 §2.17) derived and the pair installed with its lifetimes, new or as the replacement of another
 * (§2.8), and a pair removed again, at once or after draining.
 */
final class ChildSaFactory
{
    /** ESP SPIs are 4 bytes (RFC 7296 §3.3.1). */
    static final int ESP_SPI_LENGTH = 4;
    /** SPIs 1 to 255 are reserved, 0 is never sent (RFC 4303 §2.1). */
    static final int MIN_SPI = 256;

    private ChildSaFactory()
    {
    }

    /** The negotiated pair before its keys exist. */
    record Negotiated(ChildProfile child, Proposal chosen, boolean transport, int inboundSpi, int outboundSpi,
        List<TrafficSelector> initiatorTs, List<TrafficSelector> responderTs)
    {
    }

    /**
     * Derives the keys and installs the pair; on success it joins the SA's children.
     *
     * @param sa the IKE SA.
     * @param pair what was negotiated.
     * @param weInitiated true when we started the exchange that creates the pair: its keys come first.
     * @param replaces the installed pair a rekey replaces, whose tunnel the new pair joins; null for a new one.
     * @param sharedSecret g^ir of a CREATE_CHILD_SA key exchange, or null.
     * @param ni the exchange initiator's nonce.
     * @param nr the exchange responder's nonce.
     * @return the installed pair, or why there is none.
     */
    static Result install(final IkeSaContext sa, final Negotiated pair, final boolean weInitiated,
        final ChildSa replaces, final byte[] sharedSecret, final byte[] ni, final byte[] nr)
    {
        final Proposal chosen = pair.chosen();
        final Transform encryption = chosen.transformsOf(TransformType.ENCRYPTION).getFirst();
        final List<Transform> integrityTransforms = chosen.transformsOf(TransformType.INTEGRITY);
        final int integrityId = integrityTransforms.isEmpty() ? 0 : integrityTransforms.getFirst().id();
        final Optional<EncryptionAlgorithm> cipher = EspAlgorithms.encryption(encryption.id(), encryption.keyLength());
        final Optional<IntegrityAlgorithm> integrity = EspAlgorithms.integrity(integrityId);
        if (cipher.isEmpty() || integrity.isEmpty())
        {
            return Result.failed("the ESP engine has no " + chosen.transforms());
        }
        final byte[] skD = sa.keys.skD();
        final byte[][] material = new byte[4][];
        final ChildSa child;
        try (ChildKeys keys = ChildKeyDerivation.derive(sa.prf, skD, sharedSecret, ni, nr,
            cipher.get().keyMaterialLength(), integrity.get().keyLength()))
        {
            // Initiator-to-responder keys come first (§2.17); what we receive is what the peer sends.
            material[0] = weInitiated ? keys.responderEncryption() : keys.initiatorEncryption();
            material[1] = weInitiated ? keys.responderIntegrity() : keys.initiatorIntegrity();
            material[2] = weInitiated ? keys.initiatorEncryption() : keys.responderEncryption();
            material[3] = weInitiated ? keys.initiatorIntegrity() : keys.responderIntegrity();
            final List<Transform> esn = chosen.transformsOf(TransformType.EXTENDED_SEQUENCE_NUMBERS);
            child = new ChildSa(pair.child().name(), pair.transport(), pair.inboundSpi(), pair.outboundSpi(),
                encryption.id(), encryption.keyLength(), integrityId,
                !esn.isEmpty() && esn.getFirst().id() == ExtendedSequenceNumbers.YES,
                material[0], material[1], material[2], material[3],
                sa.local, sa.remote, sa.natDetected(), weInitiated ? pair.initiatorTs() : pair.responderTs(),
                weInitiated ? pair.responderTs() : pair.initiatorTs(), pair.child().replayWindow());
        }
        finally
        {
            Arrays.fill(skD, (byte)0);
            for (final byte[] key : material)
            {
                if (key != null)
                {
                    Arrays.fill(key, (byte)0);
                }
            }
        }
        final ChildLifetimePlan plan = ChildLifetimePlan.draw(pair.child().lifetime(), sa.now, sa.random);
        final String problem = replaces == null ? sa.installer.install(child, plan.dataplane()) :
            sa.installer.installReplacement(replaces, child, plan.dataplane());
        if (problem != null)
        {
            child.destroyKeys();
            return Result.failed("installing " + child.name() + " failed: " + problem);
        }
        sa.children.add(child);
        sa.childStates.add(child, pair.child(), plan);
        return new Result(child, null);
    }

    /**
     * A pair's Delete was exchanged, in either direction. A pair that a rekey replaced leaves the SA but
     * stays in the dataplane for {@link ChildSaStates#DRAIN_NANOS}, and its replacement sends from now on
     * (the responder of a rekey switches here, when the initiator's Delete arrives, §2.8); any other pair
     * is removed at once.
     *
     * @param sa the IKE SA.
     * @param child one of its children.
     */
    static void deleted(final IkeSaContext sa, final ChildSa child)
    {
        final ChildSaStates.Entry entry = sa.childStates.get(child);
        if (entry == null || entry.replacement == null || !sa.children.contains(entry.replacement))
        {
            remove(sa, child);
            return;
        }
        if (!entry.switched)
        {
            entry.switched = true;
            switchTo(sa, entry.replacement);
        }
        sa.children.remove(child);
        sa.childStates.drain(child, sa.now + ChildSaStates.DRAIN_NANOS);
        sa.events.add(deletedLine(child, null));
    }

    /**
     * Makes a replacement the pair its tunnel sends with.
     *
     * @param sa the IKE SA.
     * @param replacement a pair installed as a replacement.
     */
    static void switchTo(final IkeSaContext sa, final ChildSa replacement)
    {
        final String problem = sa.installer.switchOutbound(replacement);
        if (problem != null)
        {
            sa.events.add("CHILD_SA " + replacement.name() + " with SPIs " + hex(replacement.inboundSpi()) + "_i " +
                hex(replacement.outboundSpi()) + "_o not sending: " + problem);
        }
    }

    /**
     * A deleted pair's drain time is over: its SAs leave the dataplane and its keys are zeroed.
     *
     * @param sa the IKE SA.
     * @param child a pair {@link #deleted} after a rekey.
     */
    static void drained(final IkeSaContext sa, final ChildSa child)
    {
        sa.installer.remove(child);
        child.destroyKeys();
    }

    /**
     * The IKE SA is over: every pair leaves the dataplane, draining ones included.
     *
     * @param sa the IKE SA.
     */
    static void removeAll(final IkeSaContext sa)
    {
        List.copyOf(sa.children).forEach(child -> remove(sa, child));
        sa.childStates.takeDraining().forEach(child -> drained(sa, child));
    }

    /**
     * Takes a pair out of the SA and the dataplane and zeroes its keys.
     *
     * @param sa the IKE SA.
     * @param child one of its children.
     */
    static void remove(final IkeSaContext sa, final ChildSa child)
    {
        if (!sa.children.remove(child))
        {
            return;
        }
        sa.childStates.remove(child);
        final String problem = sa.installer.remove(child);
        sa.events.add(deletedLine(child, problem));
        child.destroyKeys();
    }

    private static String deletedLine(final ChildSa child, final String problem)
    {
        return "CHILD_SA " + child.name() + " with SPIs " + hex(child.inboundSpi()) + "_i " +
            hex(child.outboundSpi()) + "_o deleted" + (problem == null ? "" : " (" + problem + ")");
    }

    /** @return the log line for a pair that replaced another. */
    static String rekeyed(final ChildSa old, final ChildSa replacement)
    {
        return "CHILD_SA " + replacement.name() + " rekeyed with SPIs " + hex(replacement.inboundSpi()) + "_i " +
            hex(replacement.outboundSpi()) + "_o, replacing " + hex(old.inboundSpi()) + "_i " +
            hex(old.outboundSpi()) + "_o";
    }

    /** @return the log line for a new pair, as charon writes it. */
    static String established(final ChildSa child)
    {
        return "CHILD_SA " + child.name() + " established with SPIs " + hex(child.inboundSpi()) + "_i " +
            hex(child.outboundSpi()) + "_o and TS " + SelectorText.cidrs(child.localTs()) + " === " +
            SelectorText.cidrs(child.remoteTs());
    }

    /** @return an SPI as charon prints it. */
    static String hex(final int spi)
    {
        return String.format("%08x", spi);
    }

    /** What {@link #install} returns: the pair, or why there is none. */
    record Result(ChildSa child, String failure)
    {
        static Result failed(final String why)
        {
            return new Result(null, why);
        }
    }

    static Optional<List<TrafficSelector>> selectors(final IkeMessage message, final int type)
    {
        return message.payloadsOf(TrafficSelectorPayload.class).stream().filter(p -> p.type() == type)
            .findFirst().map(TrafficSelectorPayload::selectors);
    }

    static byte[] spiBytes(final int spi)
    {
        return ByteBuffer.allocate(ESP_SPI_LENGTH).putInt(spi).array();
    }

    /** @return the proposal's ESP SPI, 0 when it is not 4 bytes. */
    static int spiOf(final Proposal proposal)
    {
        final byte[] spi = proposal.spi();
        return spi.length == ESP_SPI_LENGTH ? ByteBuffer.wrap(spi).getInt() : 0;
    }

    /** @return true when the SPI may be used: not 0 and not reserved. */
    static boolean usable(final int spi)
    {
        return Integer.compareUnsigned(spi, MIN_SPI) >= 0;
    }
}
