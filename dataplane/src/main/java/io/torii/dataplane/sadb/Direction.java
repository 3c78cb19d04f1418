package io.torii.dataplane.sadb;

/**
 * Which way an SA protects traffic, from this gateway's point of view.
 */
public enum Direction
{
    /** Protects packets this gateway receives: decapsulate and verify. */
    INBOUND,
    /** Protects packets this gateway sends: encapsulate and seal. */
    OUTBOUND
}
