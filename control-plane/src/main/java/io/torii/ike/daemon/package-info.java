/**
 * The IKE daemon: the IKE SAs of every connection, routed by SPI, created for IKE_SA_INIT requests
 * and for connections started by configuration or command, driven by one agent that also moves the
 * messages in and out and installs negotiated Child SAs in the dataplane.
 */
package io.torii.ike.daemon;
