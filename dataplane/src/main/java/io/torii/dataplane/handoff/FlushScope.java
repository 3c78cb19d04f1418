package io.torii.dataplane.handoff;

/**
 * What {@link DataplaneControl#flush} removes. The ordinal is the wire code: append only.
 */
public enum FlushScope
{
    /** Every SA, in both directions. */
    SAS,
    /** Every policy. */
    POLICIES,
    /** Every SA and every policy. */
    ALL;

    private static final FlushScope[] VALUES = values();

    /**
     * @param code a wire code.
     * @return the scope, or null when the code is unknown.
     */
    public static FlushScope fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
