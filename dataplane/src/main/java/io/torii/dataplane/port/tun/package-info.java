/**
 * The TUN port of a plain Linux host: the cleartext side of the gateway, a TUN device the kernel
 * routes protected traffic into and takes decrypted traffic from, whole IP packets both ways
 * (IFF_TUN | IFF_NO_PI). Non-blocking; a burst of {@code read()}s or {@code write()}s is one
 * downcall. With IFF_MULTI_QUEUE each worker gets a queue of its own.
 *
 * <p>TUN is an order of magnitude slower than AF_XDP on the same machine: right for correctness,
 * tests and small sites, not for the fast path.
 */
package io.torii.dataplane.port.tun;
