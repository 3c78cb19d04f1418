package io.torii.ike.task;

import io.torii.ike.crypto.Prf;
import io.torii.ike.crypto.SkCipherSuite;
import io.torii.ike.crypto.WeakAlgorithms;
import io.torii.ike.keymat.IkeKeyDerivation;
import io.torii.ike.keymat.IkeKeys;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.Transform;
import io.torii.ike.proposal.TransformType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The state of the IKE SA that replaces a rekeyed one (RFC 7296 §2.18): the SPIs and suite the rekey
 * negotiated, keys from {@code SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)}, message IDs from 0, and
 * everything else the old SA learned in its initial exchanges: the connection, the endpoints as they are
 * now (after NAT-T floating), what NAT detection found, fragmentation and the peer's signature hashes.
 * Whoever initiated the rekey is the new SA's original initiator.
 */
final class RekeyedIkeSa
{
    /** The new SA's state, or why there is none. */
    record Result(IkeSaContext sa, String failure)
    {
    }

    private RekeyedIkeSa()
    {
    }

    /**
     * @param old the SA being rekeyed, whose SK_d and PRF seed the new keys.
     * @param rekeyInitiator true when we initiated the rekey.
     * @param chosen the IKE proposal the rekey settled on.
     * @param sharedSecret g^ir of the rekey's key exchange; the caller zeroes it.
     * @param ni the rekey initiator's nonce.
     * @param nr the rekey responder's nonce.
     * @param spiI the new SA's SPI chosen by the rekey initiator.
     * @param spiR the new SA's SPI chosen by the rekey responder.
     * @return the new SA's state, not yet holding any Child SA.
     */
    static Result derive(final IkeSaContext old, final boolean rekeyInitiator, final Proposal chosen,
        final byte[] sharedSecret, final byte[] ni, final byte[] nr, final long spiI, final long spiR)
    {
        final Transform encryption = chosen.transformsOf(TransformType.ENCRYPTION).getFirst();
        final List<Transform> integrity = chosen.transformsOf(TransformType.INTEGRITY);
        final Optional<Prf> prf = Prf.forId(chosen.transformsOf(TransformType.PRF).getFirst().id(),
            WeakAlgorithms.ALLOW);
        final Optional<SkCipherSuite> suite = SkCipherSuite.of(encryption.id(), encryption.keyLength(),
            integrity.isEmpty() ? 0 : integrity.getFirst().id(), WeakAlgorithms.ALLOW);
        if (prf.isEmpty() || suite.isEmpty())
        {
            return new Result(null, "negotiated IKE suite " + chosen.transforms() + " is not implemented");
        }
        final byte[] oldSkD = old.keys.skD();
        final IkeKeys keys;
        try
        {
            keys = IkeKeyDerivation.rekeyedKeys(old.prf, oldSkD, prf.get(), suite.get(), sharedSecret, ni, nr,
                IkeRekeyTask.spiBytes(spiI), IkeRekeyTask.spiBytes(spiR));
        }
        finally
        {
            Arrays.fill(oldSkD, (byte)0);
        }
        final IkeSaContext next = new IkeSaContext(rekeyInitiator, old.random, old.installer, List.of(old.profile));
        next.profile = old.profile;
        next.initiatorSpi = spiI;
        next.responderSpi = spiR;
        next.local = old.local;
        next.remote = old.remote;
        next.initiatorNonce = ni.clone();
        next.responderNonce = nr.clone();
        next.ikeProposal = chosen;
        next.prf = prf.get();
        next.suite = suite.get();
        next.keys = keys;
        next.ciphers = keys.ciphers(suite.get(), old.random);
        next.localBehindNat = old.localBehindNat;
        next.remoteBehindNat = old.remoteBehindNat;
        next.peerSignatureHashes = old.peerSignatureHashes;
        next.certificateRequested = old.certificateRequested;
        next.fragmentation = old.fragmentation;
        next.mobike = old.mobike;
        next.peerNatDetection = old.peerNatDetection;
        return new Result(next, null);
    }

    /**
     * Hands the old SA's Child SAs to the new one (§2.18): they stay in the dataplane as they are, and the
     * old SA no longer removes them when it ends.
     *
     * @param from the rekeyed SA.
     * @param to its successor.
     */
    static void moveChildren(final IkeSaContext from, final IkeSaContext to)
    {
        to.children.addAll(from.children);
        from.children.clear();
        from.deleting.clear();
        // Deadlines, replacements and pairs still draining carry on under the new IKE SA.
        from.childStates.transferTo(to.childStates);
    }
}
