package io.torii.ike.shard;

import io.torii.ike.control.ConnectionInfo;
import io.torii.ike.control.IkeCommands;
import io.torii.ike.control.IkeControl;
import io.torii.ike.control.IkeSaInfo;
import io.torii.ike.daemon.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The control socket's requests over several IKE handlers, each of which answers for its own SAs
 * through an {@link IkeControl} (numbering SAs from counters they share): listings ask every
 * handler and merge; {@code terminate} asks every handler, since a connection's SAs may sit on any; an
 * {@code initiate} goes to the handler that already holds an SA of the connection (it refuses a second
 * or adds the child there), else to the one the connection's name picks; {@code load-all} swaps the
 * connections on every handler and zeroes an old profile only when no handler's SA still uses it.
 */
final class ShardedIkeControl implements IkeCommands
{
    private final SpiShards shards;
    private final List<IkeControl> controls;

    ShardedIkeControl(final SpiShards shards, final List<IkeControl> controls)
    {
        this.shards = Objects.requireNonNull(shards, "shards");
        this.controls = List.copyOf(controls);
    }

    /** Every handler holds the same connections: the first one answers. */
    @Override
    public CompletableFuture<List<ConnectionInfo>> listConnections()
    {
        return controls.getFirst().listConnections();
    }

    @Override
    public CompletableFuture<List<IkeSaInfo>> listSas()
    {
        return perShard().thenApply(lists ->
        {
            final List<IkeSaInfo> all = new ArrayList<>();
            lists.forEach(all::addAll);
            all.sort(Comparator.comparingLong(IkeSaInfo::uniqueId));
            return all;
        });
    }

    @Override
    public CompletableFuture<IkeControl.Outcome> initiate(final boolean child, final String name)
    {
        return listConnections().thenCombine(perShard(), (connections, sas) -> shardFor(child, name, connections,
            sas)).thenCompose(shard -> controls.get(shard).initiate(child, name));
    }

    /** @return the handler holding an SA of the connection (an established one first), else the name's. */
    private int shardFor(final boolean child, final String name, final List<ConnectionInfo> connections,
        final List<List<IkeSaInfo>> sas)
    {
        String connection = name;
        if (child)
        {
            connection = connections.stream().filter(c -> c.children().stream().anyMatch(k -> k.name().equals(name)))
                .map(ConnectionInfo::name).findFirst().orElse(name);
        }
        int live = -1;
        for (int shard = 0; shard < sas.size(); shard++)
        {
            for (final IkeSaInfo sa : sas.get(shard))
            {
                if (sa.name().equals(connection))
                {
                    if (sa.state().equals("ESTABLISHED"))
                    {
                        return shard;
                    }
                    live = live < 0 && sa.state().equals("CONNECTING") ? shard : live;
                }
            }
        }
        return live >= 0 ? live : shards.shardOfName(connection);
    }

    /** Every handler deletes what it holds; success when any had something to delete. */
    @Override
    public CompletableFuture<IkeControl.Outcome> terminate(final boolean child, final String name)
    {
        final List<CompletableFuture<IkeControl.Outcome>> outcomes = controls.stream()
            .map(control -> control.terminate(child, name)).toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done ->
        {
            final List<IkeControl.Outcome> all = outcomes.stream().map(CompletableFuture::join).toList();
            return all.stream().filter(IkeControl.Outcome::ok).findFirst().orElse(all.getFirst());
        });
    }

    /** A connection's SAs, and a child's, may sit on any handler: every one is asked. */
    @Override
    public CompletableFuture<IkeControl.Outcome> rekey(final boolean child, final String name)
    {
        final List<CompletableFuture<IkeControl.Outcome>> outcomes = controls.stream()
            .map(control -> control.rekey(child, name)).toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done ->
        {
            final List<IkeControl.Outcome> all = outcomes.stream().map(CompletableFuture::join).toList();
            return all.stream().filter(IkeControl.Outcome::ok).findFirst().orElse(all.getFirst());
        });
    }

    @Override
    public CompletableFuture<IkeControl.Outcome> replaceConnections(final List<Connection> loaded)
    {
        final List<CompletableFuture<IkeControl.Swap>> swaps = controls.stream()
            .map(control -> control.swapConnections(loaded)).toList();
        return CompletableFuture.allOf(swaps.toArray(CompletableFuture[]::new)).thenApply(done ->
        {
            final List<IkeControl.Swap> all = swaps.stream().map(CompletableFuture::join).toList();
            // Every handler replaced the same connection objects: zero each old profile once.
            all.getFirst().destroyUnused(all);
            return new IkeControl.Outcome(true, "loaded " + loaded.size() + " connection(s), replacing " +
                all.getFirst().replaced().size());
        });
    }

    /** @return each handler's SAs, in shard order. */
    private CompletableFuture<List<List<IkeSaInfo>>> perShard()
    {
        final List<CompletableFuture<List<IkeSaInfo>>> lists = controls.stream().map(IkeControl::listSas).toList();
        return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new))
            .thenApply(done -> lists.stream().map(CompletableFuture::join).toList());
    }
}
