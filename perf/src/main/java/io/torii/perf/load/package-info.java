/**
 * End-to-end harnesses: real daemons in network namespaces, real traffic from iperf3, results printed
 * as tables with ratios taken in the same run.
 */
package io.torii.perf.load;
