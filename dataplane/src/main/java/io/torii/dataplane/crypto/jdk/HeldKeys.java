package io.torii.dataplane.crypto.jdk;

import java.util.List;

/**
 * Lets tests see the arrays a transform keeps key material in, to check that {@code close()} zeroes
 * them, without reflection. Never used outside tests.
 */
interface HeldKeys
{
    /** @return the arrays themselves, not copies: keys, salts and scratch that held them. */
    List<byte[]> heldKeyArrays();
}
