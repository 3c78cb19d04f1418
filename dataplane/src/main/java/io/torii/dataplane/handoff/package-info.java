/**
 * The narrow interface through which the control plane (IKEv2) programs the dataplane, in the manner of
 * strongSwan's {@code kernel_ipsec.h} or Linux XFRM: SPI allocation, SA add/update/delete, policy add/delete
 * and flush ({@link io.torii.dataplane.handoff.DataplaneControl}), and the events that flow back (expiry,
 * acquire, sequence exhaustion, statistics: {@link io.torii.dataplane.handoff.DataplaneEvents}).
 *
 * <p>In production both directions are typed messages over Agrona many-to-one ring buffers held in one
 * memory-mapped file ({@link io.torii.dataplane.handoff.ControlRings}), so the dataplane may run as its own
 * process: {@code *Proxy} classes encode onto a ring, {@code *Adapter} classes decode it and call the
 * {@code on*} handlers. Each message is a flyweight whose layout is drawn in its javadoc. Tests of the
 * control plane use {@link io.torii.dataplane.handoff.RecordingDataplaneControl} instead of rings.
 */
package io.torii.dataplane.handoff;
