/*
 * classify.c: which received frames are the dataplane's. The same rule as the AF_XDP port's XDP
 * program (afxdp/program.c), so that both fast ports take the same packets:
 *
 *   IPv4 (Ethernet type 0x0800), protocol 50 (ESP)                          -> the dataplane
 *   IPv4, protocol 17 (UDP), not a fragment, destination port 4500, UDP
 *     length >= 12 (SPI and more: the 1-byte NAT keepalive 0xFF is not
 *     ESP, RFC 3948 section 2.3), first 4 payload bytes not zero (the
 *     non-ESP marker of IKE, RFC 3948 section 2.2)                          -> the dataplane
 *   IPv6 (0x86DD): the same for a next header of 50 or 17 right after the
 *     fixed header (extension headers go to the kernel)
 *   anything else (ARP, ND, IKE, the host's own traffic)                    -> the kernel
 */
#include "dpdk_internal.h"

#define ETHER_HEADER 14
#define NAT_T_PORT 4500
#define PROTO_ESP 50
#define PROTO_UDP 17

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

/* l4 is the UDP header; left the bytes of the frame from it on. */
static int is_esp_in_udp(const uint8_t *l4, uint32_t left)
{
    if (left < 12 || be16(l4 + 2) != NAT_T_PORT || be16(l4 + 4) < 12)
    {
        return 0;
    }
    return (l4[8] | l4[9] | l4[10] | l4[11]) != 0;
}

int torii_dpdk_is_dataplane(const uint8_t *frame, uint32_t length)
{
    if (length < ETHER_HEADER + 20)
    {
        return 0;
    }
    const uint16_t type = be16(frame + 12);
    const uint8_t *ip = frame + ETHER_HEADER;
    const uint32_t left = length - ETHER_HEADER;
    if (type == 0x0800 && (ip[0] >> 4) == 4)
    {
        const uint32_t header = (uint32_t)(ip[0] & 0x0F) * 4;
        if (header < 20 || ip[9] == PROTO_ESP)
        {
            return header >= 20;
        }
        const int fragment = (be16(ip + 6) & 0x3FFF) != 0;
        return ip[9] == PROTO_UDP && !fragment && header <= left && is_esp_in_udp(ip + header, left - header);
    }
    if (type == 0x86DD && (ip[0] >> 4) == 6 && left >= 40)
    {
        return ip[6] == PROTO_ESP || (ip[6] == PROTO_UDP && is_esp_in_udp(ip + 40, left - 40));
    }
    return 0;
}
