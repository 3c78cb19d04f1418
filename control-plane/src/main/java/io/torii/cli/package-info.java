/**
 * The {@code torii} command line's Java side. The {@code ./torii} launcher handles building,
 * bootstrapping and testing itself and hands every other subcommand to {@link io.torii.cli.ToriiMain}.
 */
package io.torii.cli;
