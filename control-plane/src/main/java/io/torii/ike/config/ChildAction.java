package io.torii.ike.config;

import io.torii.dataplane.config.SettingsValue;
import java.util.Locale;

/**
 * What to do with a child when its configuration is loaded ({@code start_action}), when the peer
 * closes it ({@code close_action}) or when the peer stops answering DPD ({@code dpd_action}).
 *
 * <p>strongSwan takes {@code none} or {@code clear}, {@code trap} or {@code route}, {@code start} or
 * {@code restart}, and both joined by {@code |} in either order, such as {@code trap|start}.
 */
public enum ChildAction
{
    /** Nothing: load only, or let the child go. */
    NONE,
    /** Install trap policies that negotiate the child when traffic matches. */
    TRAP,
    /** Initiate the child at once. */
    START,
    /** Both: install trap policies and initiate at once. */
    TRAP_AND_START;

    /** @return true when trap policies are installed. */
    public boolean traps()
    {
        return this == TRAP || this == TRAP_AND_START;
    }

    /** @return true when the child is initiated. */
    public boolean starts()
    {
        return this == START || this == TRAP_AND_START;
    }

    static ChildAction read(final SettingsValue value)
    {
        boolean trap = false;
        boolean start = false;
        for (final String part : value.value().toLowerCase(Locale.ROOT).split("\\|", -1))
        {
            switch (part.strip())
            {
                case "none", "clear" ->
                {
                }
                case "trap", "route" -> trap = true;
                case "start", "restart" -> start = true;
                default -> throw value.error("expected none, trap, start or trap|start (also clear, route, " +
                    "restart), found '" + value.value() + "'");
            }
        }
        return trap ? (start ? TRAP_AND_START : TRAP) : (start ? START : NONE);
    }
}
