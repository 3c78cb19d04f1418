/**
 * Appliance hardware profiles and the detection that picks one. Reads what the machine says of
 * itself ({@code /proc/cpuinfo}, later NUMA, queues and NICs); depends on no other Torii module.
 */
package io.torii.hwprofiles;
