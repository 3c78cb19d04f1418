/**
 * Crypto engines behind one interface: algorithms named as strongSwan names them, transforms that
 * hold one SA direction's prepared keys, and engines that make them. The JDK engine
 * ({@code crypto.jdk}) is the fallback and the test oracle; native engines are checked
 * byte-for-byte against it.
 */
package io.torii.dataplane.crypto;
