package io.torii.nativeshim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimLoaderTest
{
    @Test
    void packagedLibraryLoadsWithTheExpectedAbiVersion()
    {
        final ShimLoader.Result result = ShimLoader.load(NativeLibrary.SHIM, null, null);

        assertThat(result.lookup()).as(result.origin()).isPresent();
        assertThat(result.lookup().get().find("torii_cpu_features")).isPresent();
        assertThat(NativeShim.abiVersion()).isEqualTo(NativeLibrary.SHIM.expectedAbiVersion());
    }

    @Test
    void disablePropertyTurnsNativeCodeOffAndSaysSo()
    {
        final ShimLoader.Result result = ShimLoader.load(NativeLibrary.SHIM, "true", null);

        assertThat(result.lookup()).isEmpty();
        assertThat(result.origin()).contains("torii.native.disable");
    }

    @Test
    void aFileThatIsNotALibraryIsRefusedWithItsName(@TempDir final Path dir) throws Exception
    {
        final Path bogus = Files.writeString(dir.resolve("libbogus.so"), "not an ELF file");

        final ShimLoader.Result result = ShimLoader.load(NativeLibrary.SHIM, null, bogus.toString());

        assertThat(result.lookup()).isEmpty();
        assertThat(result.origin()).contains("cannot load").contains(bogus.toString());
    }

    @Test
    void aLibraryWithoutTheAbiSymbolIsRefused()
    {
        // libc loads fine but is not a Torii shim.
        final Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");

        final ShimLoader.Result result = ShimLoader.load(NativeLibrary.SHIM, null, libc.toString());

        assertThat(result.lookup()).isEmpty();
        assertThat(result.origin()).contains("not a Torii shim");
    }
}
