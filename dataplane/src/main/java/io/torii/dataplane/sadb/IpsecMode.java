package io.torii.dataplane.sadb;

/**
 * How an SA carries the protected packet.
 */
public enum IpsecMode
{
    /** The whole inner IP packet is protected and a new outer header added. */
    TUNNEL,
    /** The IP header stays; only the upper-layer payload is protected. */
    TRANSPORT
}
