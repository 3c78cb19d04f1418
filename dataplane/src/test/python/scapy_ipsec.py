#!/usr/bin/python3
"""Applies one IPsec SA to every packet of a capture with scapy's own ESP/AH code.

Torii's interop tests use this as an implementation nobody here wrote: scapy encrypts what
Torii decrypts and decrypts what Torii encrypts. One process handles many cases, because
importing scapy takes about a second.

    scapy_ipsec.py MANIFEST

MANIFEST is a JSON list of jobs:
    {"op": "encrypt"|"decrypt", "sa": {...}, "in": "a.pcap", "out": "b.pcap"}
with "sa" holding proto (esp|ah), spi, seq (first sequence number scapy sends), esn_high,
esn (bool), mode (tunnel|transport), src, dst, encap (bool), crypt_algo, crypt_key (hex),
auth_algo, auth_key (hex). Packets are raw IP (link type 101). When scapy refuses a packet (an
ICV that does not verify, for instance) the job's output is replaced by OUT.error naming the
packet and the reason, and the next job runs.
"""
import json
import sys

from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import IPv6
from scapy.layers.ipsec import AH, ESP, SecurityAssociation
from scapy.utils import PcapReader, PcapWriter


def ip_packet(raw):
    return IPv6(raw) if raw[0] >> 4 == 6 else IP(raw)


def outer_header(sa):
    if sa["mode"] != "tunnel":
        return None
    if ":" in sa["src"]:
        return IPv6(src=sa["src"], dst=sa["dst"], hlim=64)
    return IP(src=sa["src"], dst=sa["dst"], ttl=64)


def security_association(sa):
    kwargs = dict(spi=sa["spi"], seq_num=sa["seq"], tunnel_header=outer_header(sa))
    if sa["proto"] == "esp":
        kwargs["crypt_algo"] = sa["crypt_algo"]
        kwargs["crypt_key"] = bytes.fromhex(sa["crypt_key"]) if sa["crypt_key"] else None
    if sa["auth_algo"] != "NULL":
        kwargs["auth_algo"] = sa["auth_algo"]
        kwargs["auth_key"] = bytes.fromhex(sa["auth_key"])
    elif sa["proto"] == "esp":
        kwargs["auth_algo"] = "NULL"
    if sa.get("encap"):
        kwargs["nat_t_header"] = UDP(sport=4500, dport=4500)
    if sa.get("esn"):
        kwargs["esn_en"] = True
        kwargs["esn"] = sa["esn_high"]
    return SecurityAssociation(ESP if sa["proto"] == "esp" else AH, **kwargs)


def as_ipsec(raw, sa):
    """Rebuilds a received packet so scapy sees ESP inside UDP 4500 (it does not dissect that itself)."""
    packet = ip_packet(raw)
    if sa.get("encap") and UDP in packet:
        udp = packet[UDP]
        payload = bytes(udp.payload)
        udp.remove_payload()
        packet = packet / ESP(payload)
    return packet


def fix_nat_t_length(raw):
    """Scapy 2.5 fixes the UDP length of its NAT-T header before adding ESP, so it says 8.

    Linux trims a datagram to its UDP length, so no receiver could use such a packet; the
    length is rewritten here to cover the ESP payload, and nothing else is touched.
    """
    packet = IP(raw)
    if UDP in packet:
        header_length = packet.ihl * 4
        udp_length = len(raw) - header_length
        raw = raw[:header_length + 4] + udp_length.to_bytes(2, "big") + raw[header_length + 6:]
    return raw


def run(job):
    sa = security_association(job["sa"])
    results = []
    for number, packet in enumerate(PcapReader(job["in"]), start=1):
        raw = bytes(packet)
        try:
            if job["op"] == "encrypt":
                protected = bytes(sa.encrypt(ip_packet(raw)))
                results.append(fix_nat_t_length(protected) if job["sa"].get("encap") else protected)
            else:
                results.append(bytes(sa.decrypt(as_ipsec(raw, job["sa"]))))
        except Exception as error:  # scapy raises several types; all mean "refused"
            with open(job["out"] + ".error", "w") as report:
                report.write("%s packet %d: scapy refused it: %r\n" % (job["in"], number, error))
            return
    writer = PcapWriter(job["out"], linktype=101, sync=True)
    for result in results:
        writer.write(result)
    writer.close()


def main():
    with open(sys.argv[1]) as manifest:
        for job in json.load(manifest):
            run(job)


if __name__ == "__main__":
    main()
