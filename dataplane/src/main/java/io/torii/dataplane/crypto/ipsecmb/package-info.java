/**
 * The native crypto engine: Intel ipsec-mb through Torii's shim, one manager per worker, key
 * schedules expanded when an SA is installed and one native call per burst. Checked byte for byte
 * against the JDK engine.
 */
package io.torii.dataplane.crypto.ipsecmb;
