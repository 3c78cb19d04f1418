package io.torii.nativeshim;

/**
 * Which of ipsec-mb's code paths a manager runs: the {@code TORII_IPSECMB_ARCH_*} values of
 * {@code torii_shim.h}. Every path gives the same bytes; they differ in speed and in the CPU
 * features they need. Production takes {@link #AUTO}; forcing one is for tests and benchmarks.
 */
public enum IpsecMbArch
{
    /** The best path this CPU runs. */
    AUTO(0),
    /** AES-NI, PCLMULQDQ and SSE4.2 (SHA-NI when present). */
    SSE(1),
    /** The above and AVX. */
    AVX(2),
    /** The above and AVX2. */
    AVX2(3),
    /** The above and AVX-512 (with VAES and VPCLMULQDQ when present). */
    AVX512(4);

    private static final IpsecMbArch[] BY_CODE = values();

    private final int code;

    IpsecMbArch(final int code)
    {
        this.code = code;
    }

    /** @return the {@code TORII_IPSECMB_ARCH_*} value. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a {@code TORII_IPSECMB_ARCH_*} value.
     * @return its constant.
     * @throws IllegalArgumentException for an unknown code.
     */
    public static IpsecMbArch fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown ipsec-mb architecture code " + code);
        }
        return BY_CODE[code];
    }
}
