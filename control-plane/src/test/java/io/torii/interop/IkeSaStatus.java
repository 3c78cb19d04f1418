package io.torii.interop;

import java.util.List;
import java.util.Map;

/**
 * One IKE SA as {@code swanctl --list-sas --raw} reports it.
 *
 * @param name the connection name it was made from.
 * @param fields every key and value vici sent for it, such as {@code state}, {@code initiator-spi},
 *     {@code encr-alg}; lists as {@code [a b]}.
 * @param children its Child SAs.
 */
public record IkeSaStatus(String name, Map<String, String> fields, List<ChildSaStatus> children)
{
    /**
     * Copies the fields and children.
     *
     * @param name the connection name.
     * @param fields its keys and values.
     * @param children its Child SAs.
     */
    public IkeSaStatus
    {
        fields = Map.copyOf(fields);
        children = List.copyOf(children);
    }

    /**
     * @return the state, such as {@code ESTABLISHED} or {@code CONNECTING}; empty when vici sent none.
     */
    public String state()
    {
        return fields.getOrDefault("state", "");
    }

    /**
     * @param key a field name.
     * @return its value, or the empty string.
     */
    public String field(final String key)
    {
        return fields.getOrDefault(key, "");
    }
}
