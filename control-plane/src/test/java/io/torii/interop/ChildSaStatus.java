package io.torii.interop;

import java.util.Map;

/**
 * One Child SA as {@code swanctl --list-sas --raw} reports it.
 *
 * @param name the child's configured name (the {@code name} field, not the section's {@code name-id}).
 * @param fields every key and value vici sent for it, lists as {@code [a b]}.
 */
public record ChildSaStatus(String name, Map<String, String> fields)
{
    /**
     * Copies the fields.
     *
     * @param name the child's name.
     * @param fields its keys and values.
     */
    public ChildSaStatus
    {
        fields = Map.copyOf(fields);
    }

    /**
     * @return the state, such as {@code INSTALLED} or {@code REKEYING}; empty when vici sent none.
     */
    public String state()
    {
        return fields.getOrDefault("state", "");
    }

    /**
     * @param key a field name, such as {@code spi-in} or {@code encap}.
     * @return its value, or the empty string.
     */
    public String field(final String key)
    {
        return fields.getOrDefault(key, "");
    }
}
