/**
 * Real IKEv2 peers for interop tests: strongSwan's charon run in a network namespace, driven through
 * swanctl, with packet capture and IKE decryption keys so that tshark can check what crossed the link.
 *
 * <p>{@link io.torii.interop.StrongSwanPeer} owns one charon: its configuration, its log, its vici
 * socket and its process, which it always stops. {@link io.torii.interop.PacketCapture} records a
 * link with dumpcap. {@link io.torii.interop.IkeDecryptionKeys} turns the IKE keys charon logs into
 * a row of Wireshark's IKEv2 decryption table. The Debian strongSwan 5.9.8 build has no
 * {@code save-keys} plugin, so the keys come from charon's own log at IKE level 4.
 *
 * <p>For tunnels that live long (issue 7): {@link io.torii.interop.LongLivedTunnel} runs a Torii daemon
 * ({@link io.torii.interop.ToriiGateway}, asked with {@code torii list-sas} and sampled with jcmd) against a
 * charon that can be crashed and started again; {@link io.torii.interop.CountedPing} counts lost echo
 * requests and {@link io.torii.interop.RekeyWitness} the SPIs that change. The tests check only what an
 * operator sees from outside, never Torii's log wording.
 */
package io.torii.interop;
