package io.torii.nativeshim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * libtorii_ipsecmb.so loads on its own, is checked like libtorii_shim.so, and managers get the
 * architecture asked for, or the best this CPU runs.
 */
class IpsecMbLoaderTest
{
    @Test
    void packagedLibraryLoadsWithTheExpectedAbiVersion()
    {
        final ShimLoader.Result result = ShimLoader.load(NativeLibrary.IPSECMB, null, null);

        assertThat(result.lookup()).as(result.origin()).isPresent();
        assertThat(IpsecMb.isAvailable()).as(IpsecMb.status()).isTrue();
        assertThat(IpsecMb.abiVersion()).isEqualTo(NativeLibrary.IPSECMB.expectedAbiVersion());
        assertThat(IpsecMb.libraryVersion()).matches("[1-9]\\d*\\.\\d+\\.\\d+");
    }

    @Test
    void theShimIsNotTakenForTheIpsecMbLayer() throws Exception
    {
        final Path shim = Paths.get(ShimLoader.class.getResource("linux-x86_64/libtorii_shim.so").toURI());

        final ShimLoader.Result result = ShimLoader.load(NativeLibrary.IPSECMB, null, shim.toString());

        assertThat(result.lookup()).isEmpty();
        assertThat(result.origin()).contains("is not Torii's ipsec-mb layer").contains("torii_ipsecmb_abi_version");
    }

    @Test
    void disablingNativeCodeTurnsTheLayerOffAndSaysSo()
    {
        final ShimLoader.Result result = ShimLoader.load(NativeLibrary.IPSECMB, "true", null);

        assertThat(result.lookup()).isEmpty();
        assertThat(result.origin()).contains("torii.native.disable");
    }

    @Test
    void aLibraryMissingFromTheJarIsReportedByName()
    {
        final NativeLibrary missing = new NativeLibrary("libtorii_missing.so", "f", 1, "NO_SUCH_MARKER",
            "torii.test.path", "nothing", "");

        final ShimLoader.Result result = ShimLoader.load(missing, null, null);

        assertThat(result.lookup()).isEmpty();
        assertThat(result.origin()).contains("libtorii_missing.so is not on the class path");
    }

    @Test
    void theBuildsReasonIsReportedWhenItLeftAMarkerInsteadOfTheLibrary()
    {
        // src/test/resources holds a marker, as build-native.sh writes IPSECMB_UNAVAILABLE without ipsec-mb.
        final NativeLibrary absent = new NativeLibrary("libtorii_absent.so", "f", 1, "TEST_UNAVAILABLE",
            "torii.test.path", "nothing", "");

        final ShimLoader.Result result = ShimLoader.load(absent, null, null);

        assertThat(result.lookup()).isEmpty();
        assertThat(result.origin()).isEqualTo("libtorii_absent.so not built: a test marker says why");
    }

    @Test
    void autoPicksTheBestArchitectureThisCpuRuns()
    {
        IpsecMbArch best = IpsecMbArch.SSE;
        for (final IpsecMbArch arch : TestPackets.supportedArchs())
        {
            if (arch.code() > best.code())
            {
                best = arch;
            }
        }
        try (IpsecMbManager manager = IpsecMbManager.create(IpsecMbArch.AUTO))
        {
            assertThat(manager.arch()).isEqualTo(best);
        }
    }

    @Test
    void aForcedArchitectureIsTheOneUsed()
    {
        for (final IpsecMbArch arch : TestPackets.supportedArchs())
        {
            if (arch != IpsecMbArch.AUTO)
            {
                try (IpsecMbManager manager = IpsecMbManager.create(arch))
                {
                    assertThat(manager.arch()).isEqualTo(arch);
                }
            }
        }
    }

    @Test
    void aForcedArchitectureTheCpuLacksIsRefused()
    {
        IpsecMbArch lacking = null;
        for (final IpsecMbArch arch : IpsecMbArch.values())
        {
            if (!IpsecMb.supports(arch))
            {
                lacking = arch;
            }
        }
        assumeThat(lacking).as("this CPU runs every architecture").isNotNull();
        final IpsecMbArch refused = lacking;
        assertThatThrownBy(() -> IpsecMbManager.create(refused))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(refused.name());
    }
}
