package io.torii.interop;

/**
 * The swanctl.conf text both gateways of an interop run load: one PSK connection {@code ab} with one child
 * {@code net}, each side naming the other by FQDN, so that NAT, which changes addresses, changes nothing
 * in authentication. Torii and charon read the same syntax.
 */
final class PskConnection
{
    /** The IKE connection's name on both sides. */
    static final String IKE = "ab";
    /** The child's name on both sides. */
    static final String CHILD = "net";
    /** The subnet behind Torii. */
    static final String TORII_SUBNET = "10.1.0.0/24";
    /** The subnet behind strongSwan. */
    static final String STRONGSWAN_SUBNET = "10.2.0.0/24";

    private PskConnection()
    {
    }

    /**
     * @param local {@code local_addrs}.
     * @param remote {@code remote_addrs}, {@code %any} for a responder that does not know its peer's address.
     * @param toriiSide whether this is Torii's end (ids and selectors are swapped for charon's).
     * @param ike the IKE proposal.
     * @param esp the ESP proposal.
     * @param startAction {@code start} to initiate when loaded, {@code none} otherwise.
     * @return the file's text.
     */
    static String text(final String local, final String remote, final boolean toriiSide, final String ike,
        final String esp, final String startAction)
    {
        return text(local, remote, toriiSide, ike, esp, startAction, "", "");
    }

    /**
     * @param local {@code local_addrs}.
     * @param remote {@code remote_addrs}.
     * @param toriiSide whether this is Torii's end.
     * @param ike the IKE proposal.
     * @param esp the ESP proposal.
     * @param startAction the child's {@code start_action}.
     * @param ikeOptions more settings of the connection, one per line, such as {@code rekey_time = 30s}.
     * @param childOptions more settings of the child, one per line, such as {@code dpd_action = restart}.
     * @return the file's text.
     */
    static String text(final String local, final String remote, final boolean toriiSide, final String ike,
        final String esp, final String startAction, final String ikeOptions, final String childOptions)
    {
        return """
            connections {
              %s {
                version = 2
                local_addrs = %s
                remote_addrs = %s
                proposals = %s
            %s    local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = psk
                  id = %s
                }
                children {
                  %s {
                    local_ts = %s
                    remote_ts = %s
                    esp_proposals = %s
                    start_action = %s
            %s      }
                }
              }
            }
            secrets {
              ike-gateways {
                id-a = torii.example
                id-b = strongswan.example
                secret = "a matrix of proposals and places"
              }
            }
            """.formatted(IKE, local, remote, ike, indent(ikeOptions, "    "),
            toriiSide ? "torii.example" : "strongswan.example", toriiSide ? "strongswan.example" : "torii.example",
            CHILD, toriiSide ? TORII_SUBNET : STRONGSWAN_SUBNET, toriiSide ? STRONGSWAN_SUBNET : TORII_SUBNET, esp,
            startAction, indent(childOptions, "        "));
    }

    private static String indent(final String lines, final String by)
    {
        return lines.lines().map(line -> by + line.strip() + "\n").collect(java.util.stream.Collectors.joining());
    }
}
