/**
 * The performance lab behind {@code ./torii bench}: runs named scenarios, each bounded in time, and writes
 * one report directory with a Markdown summary headed by the machine, the raw figures as JSON lines, PNG
 * charts and a table of ratios against strongSwan, the crypto limit and plain veth.
 */
package io.torii.perf.lab;
