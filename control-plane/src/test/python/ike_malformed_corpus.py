#!/usr/bin/python3
"""Sends a corpus of malformed IKEv2 messages to an IKE daemon, and says how many of them an IKE SA manager
should have seen (UDP 500 messages of at least the 28-byte IKE header; UDP 4500 ones behind the non-ESP
marker, RFC 3948 section 2.2) and how many the daemon answered.

Run in the sender's network namespace:
  ip netns exec NS /usr/bin/python3 ike_malformed_corpus.py TARGET ISPI RSPI SEED SOURCE
ISPI and RSPI are the SPIs (16 hex digits) of an established IKE SA with the target, so that some messages
reach that SA and fail its decoding or integrity check. Output: one "sent CATEGORY N" line a category, then
"reaching N" and "answered N".
"""

import os
import random
import select
import socket
import struct
import sys
import time

IKE_SA_INIT, IKE_AUTH, INFORMATIONAL = 34, 35, 37
FLAG_INITIATOR, FLAG_RESPONSE = 0x08, 0x20
PAYLOAD_SA, PAYLOAD_KE, PAYLOAD_NONCE, PAYLOAD_SK = 33, 34, 40, 46


def header(ispi, rspi, next_payload, exchange, flags, message_id, length):
    # RFC 7296 section 3.1: SPIi, SPIr, next payload, version 2.0, exchange, flags, message ID, length.
    return struct.pack("!QQBBBBII", ispi, rspi, next_payload, 0x20, exchange, flags, message_id, length)


def payload(next_payload, body, critical=False, length=None):
    # RFC 7296 section 3.2: the generic payload header.
    return struct.pack("!BBH", next_payload, 0x80 if critical else 0, 4 + len(body) if length is None else length) + body


def message(ispi, rspi, exchange, flags, message_id, first, body, length=None):
    total = 28 + len(body)
    return header(ispi, rspi, first, exchange, flags, message_id, total if length is None else length) + body


def transform(last, kind, ident, key_bits=None):
    attributes = struct.pack("!HH", 0x800E, key_bits) if key_bits else b""
    return struct.pack("!BBHBBH", 0 if last else 3, 0, 8 + len(attributes), kind, 0, ident) + attributes


def ike_sa_init(ispi, rng):
    # AES-GCM-16 256, PRF HMAC-SHA2-256, X25519 (RFC 7296 section 3.3, RFC 8031).
    transforms = transform(False, 1, 20, 256) + transform(False, 2, 5) + transform(True, 4, 31)
    proposal = struct.pack("!BBHBBBB", 0, 0, 8 + len(transforms), 1, 1, 0, 3) + transforms
    ke = struct.pack("!HH", 31, 0) + rng.randbytes(32)
    body = payload(PAYLOAD_KE, proposal) + payload(PAYLOAD_NONCE, ke) + payload(0, rng.randbytes(32))
    return message(ispi, 0, IKE_SA_INIT, FLAG_INITIATOR, 0, PAYLOAD_SA, body)


def corpus(ispi, rspi, rng):
    """(category, port, bytes) for every message; the established SA's peer is the original initiator."""
    sk = payload(0, rng.randbytes(16 + 40))
    out = []
    add = lambda category, port, data: out.append((category, port, data))
    add("truncated", 500, b"\x00" * 8)
    add("truncated", 500, header(ispi, rspi, PAYLOAD_SK, INFORMATIONAL, FLAG_INITIATOR, 2, 28)[:27])
    add("truncated", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK, sk)[:40])
    add("oversized_length", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK, sk, 4000))
    add("short_length", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK, sk, 40))
    add("oversized_datagram", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK,
                                           payload(0, rng.randbytes(9000))))
    add("bad_payload_length", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK,
                                           payload(0, rng.randbytes(56), length=3)))
    add("bad_payload_length", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK,
                                           payload(0, rng.randbytes(56), length=5000)))
    add("bad_integrity", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK, sk))
    add("bad_integrity", 500, message(ispi, rspi, IKE_AUTH, FLAG_INITIATOR, 1, PAYLOAD_SK, sk))
    add("wrongly_nested", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK,
                                       payload(PAYLOAD_NONCE, rng.randbytes(56)) + payload(0, rng.randbytes(16))))
    add("wrongly_nested", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK,
                                       payload(PAYLOAD_SK, rng.randbytes(8) + payload(0, rng.randbytes(40)))))
    add("not_encrypted", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_NONCE,
                                      payload(0, rng.randbytes(32))))
    add("unknown_critical", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, 200,
                                         payload(0, rng.randbytes(8), critical=True)))
    add("bad_message_id", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 0x7fffffff, PAYLOAD_SK, sk))
    add("bad_message_id", 500, message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR | FLAG_RESPONSE, 9, PAYLOAD_SK, sk))
    add("bad_version", 500, header(ispi, rspi, PAYLOAD_SK, INFORMATIONAL, FLAG_INITIATOR, 2, 28)[:17] + b"\x30" +
        header(ispi, rspi, 0, INFORMATIONAL, FLAG_INITIATOR, 2, 28)[18:])
    add("bad_spi", 500, message(ispi, rspi ^ 0xFFFF, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK, sk))
    add("bad_spi", 500, message(rng.getrandbits(64), rng.getrandbits(64), INFORMATIONAL, 0, 2, PAYLOAD_SK, sk))
    add("bad_spi", 500, message(ispi, 0, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK, sk))
    init = ike_sa_init(rng.getrandbits(64) | 1, rng)
    add("replayed_init", 500, init)
    add("replayed_init", 500, init)
    add("replayed_init", 4500, b"\x00\x00\x00\x00" + init)
    for _ in range(8):
        add("garbage_4500_no_marker", 4500, rng.randbytes(rng.randrange(1, 300)))
    for _ in range(8):
        add("garbage_4500_marker", 4500, b"\x00\x00\x00\x00" + rng.randbytes(rng.randrange(0, 300)))
    for _ in range(16):
        add("garbage_500", 500, rng.randbytes(rng.randrange(0, 600)))
    for _ in range(150):
        mutant = bytearray(ike_sa_init(rng.getrandbits(64) | 1, rng) if rng.random() < 0.5 else
                           message(ispi, rspi, INFORMATIONAL, FLAG_INITIATOR, 2, PAYLOAD_SK, sk))
        for _ in range(rng.randrange(1, 6)):
            mutant[rng.randrange(16, len(mutant))] = rng.randrange(256)
        if rng.random() < 0.3:
            mutant = mutant[:rng.randrange(28, len(mutant))]
        add("fuzz", rng.choice([500, 4500]), bytes(mutant))
    # Fuzz on 4500 travels behind the marker, or it would be ESP.
    return [(c, p, b"\x00\x00\x00\x00" + d if c == "fuzz" and p == 4500 else d) for c, p, d in out]


def reaches_manager(port, data):
    if port == 500:
        return len(data) >= 28
    return len(data) >= 32 and data[:4] == b"\x00\x00\x00\x00"


def main():
    target, ispi, rspi, seed = sys.argv[1], int(sys.argv[2], 16), int(sys.argv[3], 16), int(sys.argv[4])
    source = sys.argv[5]
    rng = random.Random(seed)
    family = socket.AF_INET6 if ":" in target else socket.AF_INET
    sockets = {port: socket.socket(family, socket.SOCK_DGRAM) for port in (500, 4500)}
    for s in sockets.values():
        s.bind((source, 0))
    sent, reaching = {}, 0
    for category, port, data in corpus(ispi, rspi, rng):
        sockets[port].sendto(data, (target, port))
        sent[category] = sent.get(category, 0) + 1
        reaching += reaches_manager(port, data)
        time.sleep(0.002)  # pacing, so that the receive buffers never overflow: every drop is the daemon's
    answered = 0
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        ready, _, _ = select.select(list(sockets.values()), [], [], max(0.0, deadline - time.monotonic()))
        for s in ready:
            s.recv(65535)
            answered += 1
    for category in sorted(sent):
        print("sent %s %d" % (category, sent[category]))
    print("reaching %d" % reaching)
    print("answered %d" % answered)


if __name__ == "__main__":
    main()
