/**
 * The daemon's counters in the Prometheus text exposition format: the text itself, which
 * {@code torii stats --prometheus} prints, and a small HTTP endpoint that serves it on
 * {@code /metrics}.
 */
package io.torii.dataplane.status.prometheus;
