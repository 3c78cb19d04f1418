package io.torii.ike.task;

import io.torii.ike.crypto.KeyExchange;
import io.torii.ike.crypto.Prf;
import io.torii.ike.crypto.SkCipherPair;
import io.torii.ike.crypto.SkCipherSuite;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.keymat.IkeKeys;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.IkeIdentity;
import io.torii.ike.sa.PeerProfile;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The state one IKE SA's tasks share: who started it, its SPIs and endpoints, the nonces and key
 * exchange of IKE_SA_INIT, the negotiated suite and keys, the raw IKE_SA_INIT messages the AUTH
 * payloads sign, what NAT detection found, and the Child SAs set up. Tasks of one SA run on one thread.
 */
final class IkeSaContext
{
    final boolean originalInitiator;
    final SecureRandom random;
    final ChildSaInstaller installer;
    final List<PeerProfile> candidates;
    final List<ChildSa> children = new ArrayList<>();
    /** Log lines for the daemon about exchanges after IKE_AUTH, oldest first; it takes them. */
    final List<String> events = new ArrayList<>();
    /** Children our outstanding INFORMATIONAL request deletes: a crossing delete must not name them (§1.4.1). */
    final List<ChildSa> deleting = new ArrayList<>();
    /** Where each Child SA pair stands in its life: rekeys, replacements, expiry, draining. */
    final ChildSaStates childStates = new ChildSaStates();
    /** Exchanges tasks asked for, which the session starts next, ahead of what is queued. */
    final ArrayDeque<FollowUp> followUps = new ArrayDeque<>();
    /** The time of the call the session is handling, on its clock: pairs installed now get lifetimes from it. */
    long now;

    PeerProfile profile;
    long initiatorSpi;
    long responderSpi;
    InetSocketAddress local;
    InetSocketAddress remote;
    byte[] initiatorNonce;
    byte[] responderNonce;
    KeyExchange keyExchange;
    Proposal ikeProposal;
    Prf prf;
    SkCipherSuite suite;
    IkeKeys keys;
    SkCipherPair ciphers;
    byte[] initRequest;
    byte[] initResponse;
    boolean localBehindNat;
    boolean remoteBehindNat;
    /** The hashes of the peer's SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4); empty when it sent none. */
    Set<Integer> peerSignatureHashes = Set.of();
    /** Whether the peer sent a CERTREQ, which {@code send_cert = ifasked} answers with our certificate. */
    boolean certificateRequested;
    /** Whether both sides announced IKEV2_FRAGMENTATION_SUPPORTED in IKE_SA_INIT (RFC 7383 §2.3). */
    boolean fragmentation;
    /** Whether the peer sent NAT detection notifies in IKE_SA_INIT: it supports NAT traversal. */
    boolean peerNatDetection;
    /** Whether both sides announced MOBIKE_SUPPORTED in IKE_AUTH (RFC 4555 §3.3). */
    boolean mobike;
    String failure;
    /** Set when a Delete of the IKE SA was sent and answered, or received: the SA is over. */
    boolean deleted;
    /** Whether our IKE_AUTH request carries INITIAL_CONTACT (RFC 7296 §3.10.1); the daemon decides. */
    boolean sendInitialContact;
    /** Whether the peer's IKE_AUTH request carried INITIAL_CONTACT: its other IKE SAs with us are stale. */
    boolean peerInitialContact;
    /** The peer's identity once IKE_AUTH authenticated it; null before. */
    IkeIdentity peerIdentity;

    IkeSaContext(final boolean originalInitiator, final SecureRandom random, final ChildSaInstaller installer,
        final List<PeerProfile> candidates)
    {
        this.originalInitiator = originalInitiator;
        this.random = random;
        this.installer = installer;
        this.candidates = List.copyOf(candidates);
    }

    /** @return true when a NAT sits between the peers: IKE floats to port 4500 and ESP goes in UDP. */
    boolean natDetected()
    {
        return localBehindNat || remoteBehindNat;
    }

    /**
     * @param length bytes wanted.
     * @return that many random bytes, for nonces.
     */
    byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** @return our SPI. */
    long localSpi()
    {
        return originalInitiator ? initiatorSpi : responderSpi;
    }

    /**
     * Records why the SA failed, keeping the first reason.
     *
     * @param reason what went wrong, for the log and the CLI.
     * @return {@link TaskStatus#FAILED}.
     */
    TaskStatus fail(final String reason)
    {
        if (failure == null)
        {
            failure = reason;
        }
        return TaskStatus.FAILED;
    }

    /** Zeroes keys and nonces and closes the key exchange: the SA is over or established. */
    void destroyKeyExchange()
    {
        if (keyExchange != null)
        {
            keyExchange.close();
            keyExchange = null;
        }
    }

    /** Zeroes everything secret the SA holds. */
    void destroy()
    {
        destroyKeyExchange();
        if (keys != null)
        {
            keys.close();
        }
        for (final byte[] nonce : new byte[][] {initiatorNonce, responderNonce})
        {
            if (nonce != null)
            {
                Arrays.fill(nonce, (byte)0);
            }
        }
        children.forEach(ChildSa::destroyKeys);
    }
}
