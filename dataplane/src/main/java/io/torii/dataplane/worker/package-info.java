/**
 * Workers: the busy-polling Agrona agents that move bursts between the cleartext and protected
 * ports through the policy lookup and the ESP engine, each owning the SAs and policies of its
 * tunnels.
 */
package io.torii.dataplane.worker;
