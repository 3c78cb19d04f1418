/**
 * The lab's scenarios: crypto and ESP microbenchmarks, the in-process worker loop, two gateways end to
 * end in network namespaces, IKE set-up rates against Torii and strongSwan responders, and strongSwan on
 * both sides of the end-to-end topology.
 */
package io.torii.perf.lab.scenario;
