package io.torii.ike.control;

import io.torii.ike.daemon.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the control socket asks of the IKE side, from any thread: {@link IkeControl} answers it for one
 * IKE agent's SAs, and a sharded daemon answers it by asking each IKE handler and merging the answers.
 */
public interface IkeCommands
{
    /** @return the loaded connections. */
    CompletableFuture<List<ConnectionInfo>> listConnections();

    /** @return the IKE SAs with their Child SAs. */
    CompletableFuture<List<IkeSaInfo>> listSas();

    /**
     * Starts a connection or one of its children.
     *
     * @param child true when {@code name} is a child's name, false for a connection's.
     * @param name the name.
     * @return the outcome, once the SA is established or failed; the caller stops waiting when it likes.
     */
    CompletableFuture<IkeControl.Outcome> initiate(boolean child, String name);

    /**
     * Deletes a connection's IKE SAs, or the Child SAs of a name.
     *
     * @param child true when {@code name} is a child's name.
     * @param name the name.
     * @return the outcome.
     */
    CompletableFuture<IkeControl.Outcome> terminate(boolean child, String name);

    /**
     * Rekeys a connection's IKE SAs, or the Child SAs of a name (swanctl's {@code --rekey}).
     *
     * @param child true when {@code name} is a child's name.
     * @param name the name.
     * @return the outcome: whether rekeys are under way.
     */
    CompletableFuture<IkeControl.Outcome> rekey(boolean child, String name);

    /**
     * Puts freshly loaded connections in place of the current ones; SAs stay.
     *
     * @param loaded the connections now in effect.
     * @return the outcome.
     */
    CompletableFuture<IkeControl.Outcome> replaceConnections(List<Connection> loaded);
}
