/**
 * Reading configuration written in strongSwan's settings syntax, the syntax of strongswan.conf and
 * swanctl.conf: a general parser ({@link io.torii.dataplane.config.SettingsParser}) that yields an
 * immutable tree of sections and values, each remembering the file and line it came from, and
 * readers that turn such a tree into Torii's records, such as
 * {@link io.torii.dataplane.config.SaFileReader} for static SA files. Nothing here runs per packet.
 */
package io.torii.dataplane.config;
