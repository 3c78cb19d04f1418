/**
 * {@code torii demo}: two Torii gateways and two hosts in network namespaces, a tunnel between the
 * gateways on an embedded configuration, and real traffic through it. The pieces (the topology,
 * the configuration, child processes) also serve the system tests.
 */
package io.torii.cli.demo;
