/**
 * IKE logic as tasks, as strongSwan organises it: each task adds its payloads to an outgoing message
 * ({@link io.torii.ike.task.IkeTask#build}) and reads its payloads from the peer's
 * ({@link io.torii.ike.task.IkeTask#process}), its role (the exchange's initiator or responder) fixed
 * when it is made; an {@link io.torii.ike.task.IkeSession} composes tasks into exchanges and owns
 * message IDs, encryption and retransmission for one IKE SA. After IKE_AUTH it runs CREATE_CHILD_SA
 * ({@code CreateChildSaTask}, and {@code ChildRekeyTask} for rekeys, which share
 * {@code ChildSaNegotiation}) and INFORMATIONAL ({@code DeleteChildTask}, {@code DeleteIkeTask},
 * {@code LivenessTask}, answered by {@code InformationalResponder}) from either side. Each Child SA pair's
 * life (lifetimes, rekeys, replacement, draining) is kept in {@code ChildSaStates}.
 * The IKE SA itself is rekeyed by {@code IkeRekeyTask} (both roles), whose new SA ({@code RekeyedIkeSa})
 * becomes a successor session with the Child SAs; {@code IkeRekeying} keeps one SA's rekey state and schedule
 * ({@code IkeRekeySchedule}), and {@code CarryOver} makes our exchanges queued on the old SA again for the
 * successor. What happens when the peer's exchange meets ours, for Child SAs and for the IKE SA alike, is
 * decided in one place, {@code Collisions}, whose javadoc tables every collision and its outcome.
 */
package io.torii.ike.task;
