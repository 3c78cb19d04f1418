package io.torii.dataplane.sadb;

/**
 * The IPsec security protocols, with their IP protocol numbers.
 */
public enum IpsecProtocol
{
    /** RFC 4303. */
    ESP(50),
    /** RFC 4302. */
    AH(51);

    private final int ipProtocol;

    IpsecProtocol(final int ipProtocol)
    {
        this.ipProtocol = ipProtocol;
    }

    /** @return the IP protocol number. */
    public int ipProtocol()
    {
        return ipProtocol;
    }
}
