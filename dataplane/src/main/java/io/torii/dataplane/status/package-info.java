/**
 * What happened to each packet: named dispositions and the counters they feed, per SA and per
 * reason, laid out so that another process can read them.
 */
package io.torii.dataplane.status;
