/**
 * The daemon's control socket, {@code RUN_DIR/torii.ctl}: the line protocol the {@code torii list-conns},
 * {@code list-sas}, {@code initiate}, {@code terminate} and {@code load-all} commands speak, the server
 * that answers it on a thread of its own, and the agent-side half that runs each request on the IKE
 * agent's thread, because IKE SA state belongs to that thread alone.
 */
package io.torii.ike.control;
