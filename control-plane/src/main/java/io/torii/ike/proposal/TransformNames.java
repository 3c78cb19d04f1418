package io.torii.ike.proposal;

import java.util.List;

/**
 * Names of transforms and proposals for logs and error messages, in the IANA spelling, for example
 * {@code ESP#1[ENCR_AES_CBC/256 AUTH_HMAC_SHA2_256_128 NO_ESN]}.
 */
public final class TransformNames
{
    private TransformNames()
    {
    }

    /**
     * @param transform any transform.
     * @return its algorithm name, with {@code /<key length>} when it carries one.
     */
    public static String describe(final Transform transform)
    {
        final int id = transform.id();
        final String name = switch (transform.type())
        {
            case TransformType.ENCRYPTION -> EncryptionAlgorithm.name(id);
            case TransformType.PRF -> PseudorandomFunction.name(id);
            case TransformType.INTEGRITY -> IntegrityAlgorithm.name(id);
            case TransformType.KEY_EXCHANGE -> KeyExchangeMethod.name(id);
            case TransformType.EXTENDED_SEQUENCE_NUMBERS -> ExtendedSequenceNumbers.name(id);
            default -> TransformType.name(transform.type()) + ":" + id;
        };
        return transform.hasKeyLength() ? name + "/" + transform.keyLength() : name;
    }

    /**
     * @param proposal any proposal.
     * @return its protocol, number and transforms; never the SPI.
     */
    public static String describe(final Proposal proposal)
    {
        final StringBuilder text = new StringBuilder(protocolName(proposal.protocol()))
            .append('#').append(proposal.number()).append('[');
        final List<Transform> transforms = proposal.transforms();
        for (int i = 0; i < transforms.size(); i++)
        {
            text.append(i == 0 ? "" : " ").append(describe(transforms.get(i)));
        }
        return text.append(']').toString();
    }

    /**
     * @param protocol a protocol ID of an SA payload proposal.
     * @return {@code IKE}, {@code AH}, {@code ESP} or {@code PROTOCOL<n>}.
     */
    public static String protocolName(final int protocol)
    {
        return switch (protocol)
        {
            case Proposal.IKE -> "IKE";
            case Proposal.AH -> "AH";
            case Proposal.ESP -> "ESP";
            default -> "PROTOCOL" + protocol;
        };
    }
}
