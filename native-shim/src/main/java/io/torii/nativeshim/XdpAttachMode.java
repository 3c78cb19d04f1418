package io.torii.nativeshim;

/**
 * Where an {@link XdpProgram} hooks into the receive path ({@code TORII_XDP_MODE_*}).
 */
public enum XdpAttachMode
{
    /** The driver's own hook, before any socket buffer exists: fast; veth has one. */
    NATIVE(1),
    /** The generic hook, after the kernel built a socket buffer: every driver, about ten times slower. */
    GENERIC(2),
    /** Native where the driver takes it, else generic. */
    AUTO(3);

    private final int code;

    XdpAttachMode(final int code)
    {
        this.code = code;
    }

    int code()
    {
        return code;
    }

    static XdpAttachMode of(final int code)
    {
        for (final XdpAttachMode mode : values())
        {
            if (mode.code == code)
            {
                return mode;
            }
        }
        throw new IllegalArgumentException("no XDP attach mode " + code);
    }
}
