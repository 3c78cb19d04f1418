package io.torii.nativeshim;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds {@code libtorii_shim.so}, loads it and checks its ABI version.
 *
 * <p>The Maven build puts the library inside this module's jar (or {@code target/classes}). From a
 * directory it is loaded in place; from a jar it is copied once into a directory named after its
 * SHA-256 under {@code java.io.tmpdir}, so users never set {@code LD_LIBRARY_PATH} and two
 * versions of Torii never load each other's library.
 */
final class ShimLoader
{
    /** Set to {@code true} to run without native code, as on a machine without the shim. */
    static final String DISABLE_PROPERTY = "torii.native.disable";
    /** Set to a file to load that library instead of the packaged one. */
    static final String PATH_PROPERTY = "torii.native.path";

    static final String LIBRARY_NAME = "libtorii_shim.so";
    static final String UNAVAILABLE_MARKER = "NATIVE_UNAVAILABLE";
    static final int EXPECTED_ABI_VERSION = 1;

    private ShimLoader()
    {
    }

    /**
     * What loading gave: a lookup, or the reason there is none.
     *
     * @param lookup the library's symbols when it loaded.
     * @param origin where the library came from, or why there is none.
     */
    record Result(Optional<SymbolLookup> lookup, String origin)
    {
        static Result unavailable(final String reason)
        {
            return new Result(Optional.empty(), reason);
        }
    }

    static Result load(final String disableProperty, final String pathProperty)
    {
        if (Boolean.parseBoolean(disableProperty))
        {
            return Result.unavailable("disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        if (pathProperty != null && !pathProperty.isBlank())
        {
            return open(Path.of(pathProperty), "-D" + PATH_PROPERTY + "=" + pathProperty);
        }
        final String platform = platformDirectory();
        if (platform == null)
        {
            return Result.unavailable("no native shim for " + System.getProperty("os.name") + "/" +
                System.getProperty("os.arch") + " (Torii's shim is built for Linux x86_64)");
        }
        final URL resource = ShimLoader.class.getResource(platform + "/" + LIBRARY_NAME);
        if (resource == null)
        {
            return Result.unavailable(packagedReason(platform));
        }
        try
        {
            if ("file".equals(resource.getProtocol()))
            {
                return open(Path.of(resource.toURI()), resource.toString());
            }
            return open(extract(resource), "extracted from " + resource);
        }
        catch (final IOException | URISyntaxException | NoSuchAlgorithmException ex)
        {
            return Result.unavailable("cannot unpack " + resource + ": " + ex);
        }
    }

    private static String platformDirectory()
    {
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        final boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        return os.contains("linux") && x86 ? "linux-x86_64" : null;
    }

    private static String packagedReason(final String platform)
    {
        try (InputStream marker = ShimLoader.class.getResourceAsStream(platform + "/" + UNAVAILABLE_MARKER))
        {
            if (marker != null)
            {
                return new String(marker.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        }
        catch (final IOException ignored)
        {
            // fall through to the generic reason
        }
        return LIBRARY_NAME + " is not on the class path (was native-shim built with ./torii build?)";
    }

    private static Path extract(final URL resource) throws IOException, NoSuchAlgorithmException
    {
        final byte[] bytes;
        try (InputStream in = resource.openStream())
        {
            bytes = in.readAllBytes();
        }
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        final String name = "torii-native-" + HexFormat.of().formatHex(digest, 0, 8);
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"), name);
        final Path library = directory.resolve(LIBRARY_NAME);
        if (Files.isRegularFile(library) && Files.size(library) == bytes.length)
        {
            return library;
        }
        Files.createDirectories(directory);
        final Path partial = Files.createTempFile(directory, LIBRARY_NAME, ".part");
        Files.write(partial, bytes);
        Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return library;
    }

    @SuppressWarnings("restricted") // loading the library is this class's purpose
    private static Result open(final Path library, final String origin)
    {
        final SymbolLookup lookup;
        try
        {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        }
        catch (final IllegalArgumentException | IllegalCallerException ex)
        {
            return Result.unavailable("cannot load " + library + ": " + ex.getMessage());
        }
        final Optional<MemorySegment> versionSymbol = lookup.find("torii_shim_abi_version");
        if (versionSymbol.isEmpty())
        {
            return Result.unavailable(library + " is not a Torii shim (no torii_shim_abi_version)");
        }
        final int version = abiVersion(versionSymbol.get());
        if (version != EXPECTED_ABI_VERSION)
        {
            return Result.unavailable(library + " has ABI version " + version + " but this Torii needs " +
                EXPECTED_ABI_VERSION + "; rebuild with ./torii build");
        }
        return new Result(Optional.of(lookup), origin);
    }

    @SuppressWarnings("restricted")
    private static int abiVersion(final MemorySegment symbol)
    {
        try
        {
            return (int)Linker.nativeLinker()
                .downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT))
                .invokeExact();
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("torii_shim_abi_version failed", t);
        }
    }
}
