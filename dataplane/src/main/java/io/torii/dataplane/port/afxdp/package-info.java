/**
 * The AF_XDP port: ESP and ESP in UDP straight from an interface's receive queue, whole Ethernet
 * frames both ways, through libxdp and libbpf in the native shim.
 *
 * <p>{@link io.torii.nativeshim.XdpProgram} on the interface steers only what the dataplane handles
 * to the queue's AF_XDP socket; ARP, neighbour discovery, IKE and the host's own traffic reach the
 * kernel as before, so the control plane's sockets keep working. {@link
 * io.torii.dataplane.port.afxdp.AfXdpPort} takes the Ethernet header off what it receives and
 * builds one for what it sends: its own MAC as source, and as destination the MAC of the next hop
 * (the destination itself on a connected subnet, else the route's gateway), which a
 * {@link io.torii.dataplane.port.afxdp.NeighbourResolver} thread learns from the kernel's routes and
 * neighbour table (through {@code ip}) and publishes as an immutable
 * {@link io.torii.dataplane.port.afxdp.NeighbourTable} the worker reads without locks or allocation.
 */
package io.torii.dataplane.port.afxdp;
