/**
 * Appliance hardware profiles and the detection that picks one. {@link io.torii.hwprofiles.HardwareSurvey}
 * reads what the machine says of itself ({@code /proc/cpuinfo}, NUMA nodes, network interfaces with
 * their queues, huge pages and vfio-pci under {@code /sys}) from a root that tests replace with a
 * fake tree; {@link io.torii.hwprofiles.HardwareProfiles} holds the shipped profiles, dataplane
 * settings in the daemon's configuration syntax; {@link io.torii.hwprofiles.ProfileChooser} picks
 * one and says why. Depends on no other Torii module: the dataplane's configuration reader finds
 * the profiles by their class-path resource path.
 */
package io.torii.hwprofiles;
