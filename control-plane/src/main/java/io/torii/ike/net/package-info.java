/**
 * Where IKE messages enter and leave: UDP port 500, and the NAT-T port 4500 that IKE shares with ESP in
 * UDP behind the non-ESP marker (RFC 3948 §2.2, RFC 7296 §2.23), either on a socket of the control
 * plane's own or through the dataplane's rings when a dataplane UDP port owns that socket; and what the
 * host says of its own addresses and of the source address toward a peer, for MOBIKE.
 */
package io.torii.ike.net;
