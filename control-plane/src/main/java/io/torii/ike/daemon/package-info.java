/**
 * The IKE daemon: the IKE SAs of every connection, routed by SPI, created for IKE_SA_INIT requests
 * and for connections started by configuration or command, driven by one agent that also moves the
 * messages in and out and installs negotiated Child SAs in the dataplane. The tunnel lifecycle lives here
 * too: start, DPD and close actions with trap policies and restarts, INITIAL_CONTACT and {@code unique},
 * reauthentication, and the dataplane's events routed to the SA manager that owns the child or trap.
 * MOBIKE as the mobile peer too: the host's addresses watched once a second, and IKE SAs whose local
 * address went moved to the new one.
 */
package io.torii.ike.daemon;
