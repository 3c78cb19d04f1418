/**
 * Turns JMH results into the reports the performance lab publishes: rows with packet rates and
 * throughput, printed as a table and written as JSON lines for dashboards to compare across runs.
 */
package io.torii.perf.report;
