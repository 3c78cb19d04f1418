package io.torii.interop;

import io.torii.dataplane.testing.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One strongSwan charon (5.9.8, Debian) as a real IKEv2 peer in a network namespace, driven with swanctl.
 *
 * <p>{@link #start} writes a {@code strongswan.conf} for this instance alone (see {@link StrongSwanConf}),
 * the given {@code swanctl.conf} and credential files into the working directory, starts charon in the
 * namespace and in a mount namespace of its own with a private directory over {@code /run} (charon's pid
 * file is fixed at {@code /var/run/charon.pid}, so two instances would otherwise refuse each other), waits
 * for the vici socket and loads the configuration. Working directory layout:
 * <pre>
 * strongswan.conf   charon.vici   charon.log   charon.out (stdout/stderr)   run/ (charon's /run)
 * swanctl/swanctl.conf   swanctl/x509/ ...   wireshark/ (save-keys output, where the plugin exists)
 * </pre>
 * {@link #stop()} (or {@link #close()}) stops charon (SIGTERM, then SIGKILL) and removes its configuration and run
 * directory; the logs stay for the test's report until the caller's temporary directory goes. A shutdown hook
 * kills any charon whose peer was never closed.
 */
public final class StrongSwanPeer implements AutoCloseable
{
    /** The daemon. */
    public static final Path CHARON = Path.of("/usr/lib/ipsec/charon");
    /** The control tool. */
    public static final Path SWANCTL = Path.of("/usr/sbin/swanctl");
    /** The plugin that writes Wireshark key tables; Debian's 5.9.8 does not build it. */
    public static final Path SAVE_KEYS_PLUGIN = Path.of("/usr/lib/ipsec/plugins/libstrongswan-save-keys.so");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** Commands.run gives up on a command after 60 s; swanctl must time out before that. */
    private static final long MAX_SWANCTL_SECONDS = 50;
    /** sun_path holds 108 bytes with its terminator. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final List<String> SWANCTL_FOLDERS = List.of("x509", "x509ca", "x509ocsp", "x509aa", "x509ac",
        "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12");

    private final PeerSetup setup;
    private final Path socket;
    private final Path log;
    private Process charon;

    private StrongSwanPeer(final PeerSetup setup)
    {
        this.setup = setup;
        this.socket = setup.workDir().resolve("charon.vici");
        this.log = setup.workDir().resolve("charon.log");
    }

    /**
     * @return whether charon and swanctl are installed here.
     */
    public static boolean isInstalled()
    {
        return Files.isExecutable(CHARON) && Files.isExecutable(SWANCTL);
    }

    /**
     * @return whether this strongSwan has the save-keys plugin, so that {@link #wiresharkKeysDir()} fills.
     */
    public static boolean hasSaveKeys()
    {
        return Files.exists(SAVE_KEYS_PLUGIN);
    }

    /**
     * Starts charon and loads the configuration.
     *
     * @param setup the namespace, directory, swanctl.conf and credentials.
     * @return the running peer.
     * @throws IllegalStateException when charon does not come up or the configuration does not load, with
     *     swanctl's output and the end of charon's log; nothing is left running then.
     */
    public static StrongSwanPeer start(final PeerSetup setup)
    {
        final StrongSwanPeer peer = new StrongSwanPeer(setup);
        try
        {
            peer.writeFiles();
            peer.launch();
            final Commands.Result loaded = peer.swanctl("--load-all");
            if (loaded.exitCode() != 0 || loaded.output().contains("failed"))
            {
                throw new IllegalStateException("swanctl --load-all in " + setup.namespace() + " exited " +
                    loaded.exitCode() + ":\n" + loaded.output().strip() + "\n" + peer.logTail(40));
            }
            return peer;
        }
        catch (final RuntimeException ex)
        {
            peer.stop();
            throw ex;
        }
    }

    /**
     * @return the network namespace charon runs in.
     */
    public String namespace()
    {
        return setup.namespace();
    }

    /**
     * @return this instance's working directory.
     */
    public Path workDir()
    {
        return setup.workDir();
    }

    /**
     * @return the vici socket; swanctl reaches it with {@code --uri unix://PATH}.
     */
    public Path viciSocket()
    {
        return socket;
    }

    /**
     * @return charon's log file.
     */
    public Path logFile()
    {
        return log;
    }

    /**
     * @return the folder where save-keys writes {@code ikev2_decryption_table} and {@code esp_sa}, when this
     *     strongSwan has the plugin ({@link #hasSaveKeys()}); use {@link #ikeDecryptionKeys} otherwise.
     */
    public Optional<Path> wiresharkKeysDir()
    {
        return hasSaveKeys() ? Optional.of(setup.workDir().resolve("wireshark")) : Optional.empty();
    }

    /**
     * @return the pid of charon, while it runs.
     */
    public long pid()
    {
        return charon.pid();
    }

    /**
     * @return whether charon still runs.
     */
    public boolean isRunning()
    {
        return charon != null && charon.isAlive();
    }

    /**
     * Runs swanctl against this instance.
     *
     * @param arguments swanctl's arguments, such as {@code --list-conns}.
     * @return its exit status and output; never throws for a non-zero exit.
     */
    public Commands.Result swanctl(final String... arguments)
    {
        final List<String> command = new ArrayList<>(List.of("env",
            "SWANCTL_DIR=" + setup.workDir().resolve("swanctl"), "STRONGSWAN_CONF=" + conf(), SWANCTL.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--uri", "unix://" + socket));
        return Commands.run(command);
    }

    /**
     * @param child a child name from swanctl.conf.
     * @param timeout how long swanctl waits for the exchange (whole seconds, at most 50).
     * @return swanctl's status and output, which includes charon's log of the exchange.
     */
    public Commands.Result initiateChild(final String child, final Duration timeout)
    {
        return swanctl("--initiate", "--child", child, "--timeout", seconds(timeout));
    }

    /**
     * @param ike a connection name from swanctl.conf; only the IKE SA (and children set to start with it).
     * @param timeout how long swanctl waits for the exchange (whole seconds, at most 50).
     * @return swanctl's status and output.
     */
    public Commands.Result initiateIke(final String ike, final Duration timeout)
    {
        return swanctl("--initiate", "--ike", ike, "--timeout", seconds(timeout));
    }

    /**
     * @param ike a connection name; its IKE SAs are deleted with their children.
     * @param timeout how long swanctl waits for the peer's answer.
     * @return swanctl's status and output.
     */
    public Commands.Result terminateIke(final String ike, final Duration timeout)
    {
        return swanctl("--terminate", "--ike", ike, "--timeout", seconds(timeout));
    }

    /**
     * @param child a child name; its Child SAs are deleted.
     * @param timeout how long swanctl waits for the peer's answer.
     * @return swanctl's status and output.
     */
    public Commands.Result terminateChild(final String child, final Duration timeout)
    {
        return swanctl("--terminate", "--child", child, "--timeout", seconds(timeout));
    }

    /**
     * @return the IKE and Child SAs, from {@code swanctl --list-sas --raw}.
     */
    public SaListing listSas()
    {
        final Commands.Result result = swanctl("--list-sas", "--raw");
        return SaListing.parse(result.exitCode() == 0 ? result.output() : "");
    }

    /**
     * @return {@code swanctl --list-sas --pretty}, for people reading a failure.
     */
    public String listSasPretty()
    {
        return swanctl("--list-sas", "--pretty").output();
    }

    /**
     * @param child a child name.
     * @param timeout how long to wait.
     * @return the last listing read: check {@link SaListing#isChildInstalled} on it, or print its raw text.
     */
    public SaListing awaitChildInstalled(final String child, final Duration timeout)
    {
        return Polling.until(this::listSas, listing -> listing.isChildInstalled(child), timeout);
    }

    /**
     * @param ike a connection name.
     * @param timeout how long to wait.
     * @return the last listing read: check {@link SaListing#isIkeEstablished} on it.
     */
    public SaListing awaitIkeEstablished(final String ike, final Duration timeout)
    {
        return Polling.until(this::listSas, listing -> listing.isIkeEstablished(ike), timeout);
    }

    /**
     * @param ike a connection name whose IKE SA is established.
     * @return its keys for tshark, read from charon's log; needs {@link PeerSetup#withIkeKeysLogged()}.
     */
    public IkeDecryptionKeys.Result ikeDecryptionKeys(final String ike)
    {
        final Optional<IkeSaStatus> sa = listSas().ike(ike);
        if (sa.isEmpty())
        {
            return new IkeDecryptionKeys.Result(Optional.empty(), "no IKE SA " + ike);
        }
        return IkeDecryptionKeys.from(sa.get(), logLines());
    }

    /**
     * @return charon's log so far, one entry a line; empty before charon wrote it.
     */
    public List<String> logLines()
    {
        try
        {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param lines how many lines from the end.
     * @return the end of charon's log and of its standard output, headed with the namespace, for failure messages.
     */
    public String logTail(final int lines)
    {
        final List<String> all = logLines();
        final StringBuilder tail = new StringBuilder("--- charon in ").append(setup.namespace()).append(", ")
            .append(log).append(" ---\n");
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> tail.append(line).append('\n'));
        final Path out = setup.workDir().resolve("charon.out");
        try
        {
            if (Files.exists(out) && Files.size(out) > 0)
            {
                tail.append("--- charon's stdout/stderr ---\n").append(Files.readString(out, StandardCharsets.UTF_8));
            }
        }
        catch (final IOException ex)
        {
            tail.append("(cannot read ").append(out).append(": ").append(ex.getMessage()).append(")\n");
        }
        return tail.toString();
    }

    /**
     * Stops charon, SIGTERM first and SIGKILL after five seconds, and removes its configuration and run
     * directory. Safe to call twice.
     */
    public void stop()
    {
        if (charon != null)
        {
            ProcessGuard.stop(charon, STOP_GRACE);
            charon = null;
        }
        try
        {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(conf());
            deleteTree(setup.workDir().resolve("run"));
            deleteTree(setup.workDir().resolve("swanctl"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Kills charon with SIGKILL, as a crash or a power loss would end it: it sends no Delete and keeps nothing.
     * Then removes its configuration and run directory as {@link #stop()} does; the logs stay.
     */
    public void crash()
    {
        if (charon != null)
        {
            charon.destroyForcibly();
            ProcessGuard.stop(charon, STOP_GRACE);
            charon = null;
        }
        stop();
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close()
    {
        stop();
    }

    private Path conf()
    {
        return setup.workDir().resolve("strongswan.conf");
    }

    private void writeFiles()
    {
        if (socket.toString().length() + "unix://".length() > MAX_SOCKET_PATH)
        {
            throw new IllegalArgumentException("vici socket path too long for a unix socket: " + socket);
        }
        try
        {
            final Path swanctl = setup.workDir().resolve("swanctl");
            for (final String folder : SWANCTL_FOLDERS)
            {
                Files.createDirectories(swanctl.resolve(folder));
            }
            Files.createDirectories(setup.workDir().resolve("run"));
            Files.writeString(swanctl.resolve("swanctl.conf"), setup.swanctlConf());
            for (final Map.Entry<String, byte[]> file : setup.credentials().entrySet())
            {
                Files.write(swanctl.resolve(file.getKey()), file.getValue());
            }
            final Optional<Path> keys = wiresharkKeysDir();
            if (keys.isPresent())
            {
                Files.createDirectories(keys.get());
            }
            Files.writeString(conf(), StrongSwanConf.render(socket, log, setup.logIkeKeys(), keys,
                setup.charonOptions()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void launch()
    {
        // ip netns exec and unshare exec what follows, and sh execs charon: the child's pid is charon's.
        final ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", setup.namespace(),
            "unshare", "--mount", "--propagation", "private",
            "sh", "-c", "mount --bind \"$0\" /run && exec \"$1\"",
            setup.workDir().resolve("run").toString(), CHARON.toString())
            .redirectErrorStream(true)
            .redirectOutput(setup.workDir().resolve("charon.out").toFile());
        builder.environment().put("STRONGSWAN_CONF", conf().toString());
        try
        {
            charon = builder.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start charon in " + setup.namespace(), ex);
        }
        ProcessGuard.watch(charon);
        final boolean listening = Polling.until(() -> Files.exists(socket) || !charon.isAlive(), done -> done,
            START_TIMEOUT) && charon.isAlive();
        if (!listening)
        {
            throw new IllegalStateException("charon in " + setup.namespace() + " did not open " + socket +
                " within " + START_TIMEOUT.toSeconds() + " s (alive: " + charon.isAlive() + ")\n" + logTail(40));
        }
    }

    private static String seconds(final Duration timeout)
    {
        return Long.toString(Math.clamp((timeout.toMillis() + 999) / 1000, 1, MAX_SWANCTL_SECONDS));
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (var paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
