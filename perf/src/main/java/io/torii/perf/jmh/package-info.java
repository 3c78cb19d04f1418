/**
 * JMH microbenchmarks, run with {@code ./torii bench}.
 */
package io.torii.perf.jmh;
