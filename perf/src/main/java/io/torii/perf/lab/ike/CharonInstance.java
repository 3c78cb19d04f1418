package io.torii.perf.lab.ike;

import io.torii.cli.demo.DemoNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One strongSwan charon in a network namespace, with ESP in userspace (kernel-libipsec, as this kernel has
 * no ESP), its own strongswan.conf, vici socket and a private {@code /run} in a mount namespace of its own
 * (charon's pid file is fixed), loaded with a swanctl.conf. The field notes in shared/lab/README.md say
 * why each setting is there.
 * <pre>
 * DIR/strongswan.conf  DIR/charon.vici  DIR/charon.log  DIR/run/  DIR/swanctl/swanctl.conf
 * </pre>
 */
public final class CharonInstance implements AutoCloseable
{
    /** charon's path in Debian's packages. */
    public static final Path CHARON = Path.of("/usr/lib/ipsec/charon");
    /** swanctl's path. */
    public static final Path SWANCTL = Path.of("/usr/sbin/swanctl");
    private static final String PLUGINS = "kernel-libipsec kernel-netlink socket-default vici nonce random drbg " +
        "openssl aes gcm curve25519 sha1 sha2 hmac kdf pubkey";
    private static final long START_MILLIS = 15_000;
    private static final long POLL_MILLIS = 50;

    private final Path directory;
    private final Process charon;

    private CharonInstance(final Path directory, final Process charon)
    {
        this.directory = directory;
        this.charon = charon;
    }

    /** @return whether charon and swanctl are installed. */
    public static boolean installed()
    {
        return Files.isExecutable(CHARON) && Files.isExecutable(SWANCTL);
    }

    /**
     * Starts charon and loads the configuration.
     *
     * @param namespace the network namespace.
     * @param directory a short, fresh directory of its own (the socket path must fit a unix socket).
     * @param swanctlConf the swanctl.conf text.
     * @return the running instance.
     * @throws IOException when files cannot be written or charon cannot start.
     * @throws InterruptedException when interrupted while waiting for it.
     * @throws IllegalStateException when charon does not come up or the configuration does not load.
     */
    public static CharonInstance start(final String namespace, final Path directory, final String swanctlConf)
        throws IOException, InterruptedException
    {
        Files.createDirectories(directory.resolve("run"));
        Files.createDirectories(directory.resolve("swanctl"));
        Files.writeString(directory.resolve("swanctl").resolve("swanctl.conf"), swanctlConf);
        final Path socket = directory.resolve("charon.vici");
        Files.writeString(directory.resolve("strongswan.conf"), """
            charon {
              load = %s
              dos_protection = no
              plugins {
                vici {
                  socket = unix://%s
                }
              }
              filelog {
                bench {
                  path = %s
                  default = 0
                  ike = 1
                }
              }
            }
            swanctl {
              socket = unix://%s
            }
            """.formatted(PLUGINS, socket, directory.resolve("charon.log"), socket));
        // ip netns exec, unshare and sh each exec what follows: the child's pid is charon's.
        final ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", namespace, "unshare", "--mount",
            "--propagation", "private", "sh", "-c", "mount --bind \"$0\" /run && exec \"$1\"",
            directory.resolve("run").toString(), CHARON.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("charon.out").toFile());
        builder.environment().put("STRONGSWAN_CONF", directory.resolve("strongswan.conf").toString());
        final CharonInstance instance = new CharonInstance(directory, builder.start());
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
            while (!Files.exists(socket) && instance.charon.isAlive() && System.nanoTime() < deadline)
            {
                // charon offers no readiness signal but its vici socket: poll for it.
                Thread.sleep(POLL_MILLIS);
            }
            if (!Files.exists(socket))
            {
                throw new IllegalStateException("charon in " + namespace + " did not open its vici socket: " +
                    Files.readString(directory.resolve("charon.out")).strip());
            }
            instance.swanctl("--load-all");
            return instance;
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            instance.close();
            throw ex;
        }
    }

    /** @return charon's pid. */
    public long pid()
    {
        return charon.pid();
    }

    /**
     * Runs swanctl against this charon.
     *
     * @param arguments its arguments.
     * @return what it printed.
     * @throws IllegalStateException when it fails, with its output.
     */
    public String swanctl(final String... arguments)
    {
        final List<String> command = new ArrayList<>(List.of("env", "SWANCTL_DIR=" + directory.resolve("swanctl"),
            "STRONGSWAN_CONF=" + directory.resolve("strongswan.conf"), SWANCTL.toString()));
        command.addAll(List.of(arguments));
        return DemoNetwork.run(command.toArray(String[]::new));
    }

    /** Stops charon (SIGTERM, then SIGKILL) and removes its directory. */
    @Override
    public void close()
    {
        charon.destroy();
        try
        {
            if (!charon.waitFor(5, TimeUnit.SECONDS))
            {
                charon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            charon.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        DemoNetwork.run("rm", "-rf", directory.toString());
    }
}
