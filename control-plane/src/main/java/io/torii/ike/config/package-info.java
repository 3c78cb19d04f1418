/**
 * Reads strongSwan's swanctl.conf(5) as strongSwan reads it, into a typed model of IKE connections,
 * their authentication rounds and children, secrets, certification authorities and pools.
 *
 * <p>The settings syntax itself is parsed by {@link io.torii.dataplane.config.SettingsParser}; the
 * readers here give each key its meaning and strongSwan's default. Bad values are errors naming the
 * file, line and what was expected; keys Torii does not implement yet, and keys swanctl.conf does not
 * know, are warnings naming the file, line and key, so nothing is ignored silently. The entry point
 * is {@link io.torii.ike.config.SwanctlReader}.
 */
package io.torii.ike.config;
