/**
 * IKE message processing spread over cores: the receive side publishes each datagram into an LMAX
 * Disruptor ring, and several IKE handlers, each on a thread of its own, take from it the messages of
 * the IKE SAs they own. An SA belongs to the handler whose shard its SPI carries, so IKE SA state is
 * only ever touched by one thread and needs no locks; key exchanges and signatures run on the handlers.
 */
package io.torii.ike.shard;
