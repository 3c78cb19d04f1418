/**
 * Torii's own IKE load generator: many IKE SAs from many identities over real UDP sockets, against any
 * IKEv2 responder, and the responder side the lab measures (a Torii daemon or a strongSwan charon).
 */
package io.torii.perf.lab.ike;
