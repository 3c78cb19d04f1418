package io.torii.interop;

/**
 * The swanctl.conf text of a PSK connection {@code ab} with two children: {@code net} over the {@code .0.0/24}
 * subnets, started as the caller says, and {@code other} over the {@code .1.0/24} ones, with a PFS key exchange,
 * left for the peer to add with CREATE_CHILD_SA. Torii and charon read the same text.
 */
final class TwoChildConnection
{
    /** The IKE connection's name on both sides. */
    static final String IKE = "ab";

    private TwoChildConnection()
    {
    }

    /**
     * @param local {@code local_addrs}.
     * @param remote {@code remote_addrs}.
     * @param localId this end's identity.
     * @param remoteId the peer's identity.
     * @param localNet the first two octets of this end's subnets, such as {@code 10.1}.
     * @param remoteNet the first two octets of the peer's subnets.
     * @param startAction {@code net}'s {@code start_action}.
     * @return the file's text.
     */
    static String text(final String local, final String remote, final String localId,
        final String remoteId, final String localNet, final String remoteNet, final String startAction)
    {
        return """
            connections {
              %s {
                version = 2
                local_addrs = %s
                remote_addrs = %s
                proposals = aes256gcm16-prfsha256-x25519
                local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = psk
                  id = %s
                }
                children {
                  net {
                    local_ts = %s.0.0/24
                    remote_ts = %s.0.0/24
                    esp_proposals = aes256gcm16
                    start_action = %s
                  }
                  other {
                    local_ts = %s.1.0/24
                    remote_ts = %s.1.0/24
                    esp_proposals = aes256gcm16-x25519
                  }
                }
              }
            }
            secrets {
              ike-gateways {
                id-a = gwa.example
                id-b = gwb.example
                secret = "torii and strongswan interop"
              }
            }
            """.formatted(IKE, local, remote, localId, remoteId, localNet, remoteNet, startAction, localNet,
            remoteNet);
    }
}
