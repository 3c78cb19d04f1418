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
 * Finds one of Torii's native libraries ({@link NativeLibrary}), loads it and checks its ABI
 * version: {@code libtorii_shim.so} and {@code libtorii_ipsecmb.so} go the same way.
 *
 * <p>The Maven build puts the libraries inside this module's jar (or {@code target/classes}). From a
 * directory a library is loaded in place; from a jar it is copied once into a directory named after
 * its SHA-256 under {@code java.io.tmpdir}, so users never set {@code LD_LIBRARY_PATH} and two
 * versions of Torii never load each other's library.
 */
final class ShimLoader
{
    /** Set to {@code true} to run without native code, as on a machine without the libraries. */
    static final String DISABLE_PROPERTY = "torii.native.disable";

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

    /**
     * @param library which library.
     * @param disableProperty the value of {@link #DISABLE_PROPERTY}, or null.
     * @param pathProperty the value of the library's {@link NativeLibrary#pathProperty()}, or null.
     * @return the lookup, or the reason there is none.
     */
    static Result load(final NativeLibrary library, final String disableProperty, final String pathProperty)
    {
        if (Boolean.parseBoolean(disableProperty))
        {
            return Result.unavailable("disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        if (pathProperty != null && !pathProperty.isBlank())
        {
            return open(library, Path.of(pathProperty), "-D" + library.pathProperty() + "=" + pathProperty);
        }
        final String platform = platformDirectory();
        if (platform == null)
        {
            return Result.unavailable("no " + library.fileName() + " for " + System.getProperty("os.name") + "/" +
                System.getProperty("os.arch") + " (Torii's native code is built for Linux x86_64)");
        }
        final URL resource = ShimLoader.class.getResource(platform + "/" + library.fileName());
        if (resource == null)
        {
            return Result.unavailable(packagedReason(library, platform));
        }
        try
        {
            if ("file".equals(resource.getProtocol()))
            {
                return open(library, Path.of(resource.toURI()), resource.toString());
            }
            return open(library, extract(library, resource), "extracted from " + resource);
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

    private static String packagedReason(final NativeLibrary library, final String platform)
    {
        try (InputStream marker = ShimLoader.class.getResourceAsStream(platform + "/" + library.unavailableMarker()))
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
        return library.fileName() + " is not on the class path (was native-shim built with ./torii build?)";
    }

    private static Path extract(final NativeLibrary library, final URL resource)
        throws IOException, NoSuchAlgorithmException
    {
        final byte[] bytes;
        try (InputStream in = resource.openStream())
        {
            bytes = in.readAllBytes();
        }
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        final String name = "torii-native-" + HexFormat.of().formatHex(digest, 0, 8);
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"), name);
        final Path file = directory.resolve(library.fileName());
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length)
        {
            return file;
        }
        Files.createDirectories(directory);
        final Path partial = Files.createTempFile(directory, library.fileName(), ".part");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    @SuppressWarnings("restricted") // loading the library is this class's purpose
    private static Result open(final NativeLibrary library, final Path file, final String origin)
    {
        final SymbolLookup lookup;
        try
        {
            lookup = SymbolLookup.libraryLookup(file, Arena.global());
        }
        catch (final IllegalArgumentException | IllegalCallerException ex)
        {
            final String hint = library.loadHint().isEmpty() ? "" : " (" + library.loadHint() + ")";
            return Result.unavailable("cannot load " + file + ": " + ex.getMessage() + hint);
        }
        final Optional<MemorySegment> versionSymbol = lookup.find(library.abiSymbol());
        if (versionSymbol.isEmpty())
        {
            return Result.unavailable(file + " is not " + library.description() + " (no " + library.abiSymbol() + ")");
        }
        final int version = abiVersion(library, versionSymbol.get());
        if (version != library.expectedAbiVersion())
        {
            return Result.unavailable(file + " has ABI version " + version + " but this Torii needs " +
                library.expectedAbiVersion() + "; rebuild with ./torii build");
        }
        return new Result(Optional.of(lookup), origin);
    }

    @SuppressWarnings("restricted")
    private static int abiVersion(final NativeLibrary library, final MemorySegment symbol)
    {
        try
        {
            return (int)Linker.nativeLinker()
                .downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT))
                .invokeExact();
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException(library.abiSymbol() + " failed", t);
        }
    }
}
