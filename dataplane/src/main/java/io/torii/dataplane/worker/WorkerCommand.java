package io.torii.dataplane.worker;

/**
 * A change to one worker's SAs, policies or tunnels, run on that worker's thread between bursts so
 * that the tables stay single-threaded.
 */
@FunctionalInterface
public interface WorkerCommand
{
    /**
     * @param worker the worker whose tables to change.
     */
    void apply(GatewayWorker worker);
}
