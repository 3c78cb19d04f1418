#!/usr/bin/python3
"""Plays the far gateway of a Torii AH tunnel (RFC 4302) with scapy's own AH code, on a live network.

    scapy_ah_peer.py SPEC.json

SPEC holds: iface (where to listen), peer (this side's address), gateway (Torii's WAN address),
inner_src, inner_dst (the ICMP echo request's addresses), mode ("tunnel" or "transport"), and two
SAs, "to_torii" and "from_torii", each with spi, seq, auth_algo (scapy's name) and auth_key (hex).
The script sends an AH-protected echo request that Torii must verify and pass on, then waits for
the AH packet Torii sends back, verifies its ICV with scapy and checks the echo reply inside.
Prints "ok" and exits 0, or says what went wrong and exits 1.
"""
import json
import sys

from scapy.all import AsyncSniffer, send
from scapy.layers.inet import ICMP, IP
from scapy.layers.ipsec import AH, IPSecIntegrityError, SecurityAssociation


def association(sa, src, dst, tunnel):
    return SecurityAssociation(AH, spi=sa["spi"], seq_num=sa["seq"], auth_algo=sa["auth_algo"],
                               auth_key=bytes.fromhex(sa["auth_key"]),
                               tunnel_header=IP(src=src, dst=dst) if tunnel else None)


def main():
    spec = json.load(open(sys.argv[1]))
    tunnel = spec["mode"] == "tunnel"
    outbound = association(spec["to_torii"], spec["peer"], spec["gateway"], tunnel)
    inbound = association(spec["from_torii"], spec["gateway"], spec["peer"], tunnel)
    request = IP(src=spec["inner_src"], dst=spec["inner_dst"], ttl=64) / ICMP(type=8, id=0x7017, seq=1) / (b"torii" * 8)

    sniffer = AsyncSniffer(iface=spec["iface"], filter="ip proto 51 and src host %s" % spec["gateway"],
                           count=1, timeout=10)
    sniffer.start()
    send(outbound.encrypt(request), verbose=False)
    sniffer.join()
    if not sniffer.results:
        print("no AH came back from Torii within 10 s")
        return 1
    packet = IP(bytes(sniffer.results[0][IP]))
    if not packet.haslayer(AH) or packet[AH].spi != spec["from_torii"]["spi"]:
        print("not AH of SPI %#x: %r" % (spec["from_torii"]["spi"], packet))
        return 1
    tampered = bytearray(bytes(packet))
    tampered[-1] ^= 1
    try:
        inbound.decrypt(IP(bytes(tampered)))
        print("scapy accepted a tampered packet: its ICV check proves nothing")
        return 1
    except IPSecIntegrityError:
        pass
    try:
        reply = inbound.decrypt(packet)
    except IPSecIntegrityError as error:
        print("scapy rejects Torii's ICV: %s" % error)
        return 1
    # Scapy leaves the inner packet of tunnel mode undissected.
    reply = IP(bytes(reply)) if tunnel else reply
    icmp = reply[ICMP]
    if reply[IP].src != spec["inner_dst"] or icmp.type != 0 or icmp.id != 0x7017 or bytes(icmp.payload) != b"torii" * 8:
        print("unexpected reply: %r" % reply)
        return 1
    print("ok: echo reply from %s verified by scapy" % reply[IP].src)
    return 0


if __name__ == "__main__":
    sys.exit(main())
