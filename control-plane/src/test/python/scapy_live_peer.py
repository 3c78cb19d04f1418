#!/usr/bin/python3
"""Plays the far gateway of a Torii tunnel with scapy's own ESP code, on a live network.

    scapy_live_peer.py SPEC.json

SPEC holds: iface (where to listen), peer (this side's address), gateway (Torii's WAN address),
inner_src, inner_dst (the ICMP echo request's addresses), and two SAs, "to_torii" and
"from_torii", each with spi, seq, esn, crypt_algo and crypt_key (hex, key then salt). The script sends
an ESP-in-UDP (RFC 3948) echo request that Torii must decrypt and forward, then waits for the
echo reply Torii encrypts back, decrypts it and checks it. Prints "ok" and exits 0, or says what
went wrong and exits 1.
"""
import json
import sys

from scapy.all import AsyncSniffer, send
from scapy.layers.inet import ICMP, IP, UDP
from scapy.layers.ipsec import ESP, SecurityAssociation


def association(sa, src, dst):
    return SecurityAssociation(ESP, spi=sa["spi"], seq_num=sa["seq"], crypt_algo=sa["crypt_algo"],
                               crypt_key=bytes.fromhex(sa["crypt_key"]), auth_algo="NULL",
                               tunnel_header=IP(src=src, dst=dst),
                               nat_t_header=UDP(sport=4500, dport=4500), esn_en=sa["esn"], esn=0)


def with_true_udp_length(raw):
    # Scapy 2.5 writes UDP length 8 in its NAT-T header; receivers trim to it, so set the real one.
    header = (raw[0] & 0x0F) * 4
    return raw[:header + 4] + (len(raw) - header).to_bytes(2, "big") + raw[header + 6:]


def main():
    spec = json.load(open(sys.argv[1]))
    outbound = association(spec["to_torii"], spec["peer"], spec["gateway"])
    inbound = association(spec["from_torii"], spec["gateway"], spec["peer"])
    request = IP(src=spec["inner_src"], dst=spec["inner_dst"], ttl=64) / ICMP(type=8, id=0x7017, seq=1) / (b"torii" * 8)

    sniffer = AsyncSniffer(iface=spec["iface"], filter="udp and src host %s and port 4500" % spec["gateway"],
                           count=1, timeout=10)
    sniffer.start()
    send(IP(with_true_udp_length(bytes(outbound.encrypt(request)))), verbose=False)
    sniffer.join()
    if not sniffer.results:
        print("no ESP came back from Torii within 10 s")
        return 1
    packet = sniffer.results[0][IP]
    udp = packet[UDP]
    payload = bytes(udp.payload)
    udp.remove_payload()
    reply = inbound.decrypt(packet / ESP(payload))
    icmp = reply[ICMP]
    if reply[IP].src != spec["inner_dst"] or icmp.type != 0 or icmp.id != 0x7017 or bytes(icmp.payload) != b"torii" * 8:
        print("unexpected reply: %r" % reply)
        return 1
    print("ok: echo reply from %s decrypted by scapy" % reply[IP].src)
    return 0


if __name__ == "__main__":
    sys.exit(main())
