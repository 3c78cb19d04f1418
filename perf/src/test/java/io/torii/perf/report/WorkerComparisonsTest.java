package io.torii.perf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerComparisonsTest
{
    private static WorkerRow loop(final int tunnels, final double mpps)
    {
        return new WorkerRow(IpsecMbCryptoEngine.NAME, "outbound", "64", 64, tunnels, 1, mpps, Double.NaN, 0.0);
    }

    private static WorkerRow rawC(final int keys, final double mpps)
    {
        return new WorkerRow(EspRow.RAW_C_ENGINE, "outbound", "64", 64, keys, 1, mpps, Double.NaN, 0.0);
    }

    private final List<WorkerRow> rows = List.of(loop(1, 6.0), loop(WorkerTargets.MANY_TUNNELS, 3.0),
        rawC(WorkerTargets.MANY_TUNNELS, 12.0), rawC(1, 16.0));

    @Test
    void theCLimitARowIsComparedWithIsTheOneWithASingleKey()
    {
        assertThat(WorkerComparisons.ratioToCLimit(rows.get(1), rows)).isCloseTo(3.0 / 16.0, within(1e-9));
        assertThat(WorkerComparisons.ratioToCLimit(rows.get(2), rows)).isNaN();
    }

    @Test
    void theCLimitWithManyKeysHasItsOwnLossAgainstOneKey()
    {
        assertThat(WorkerComparisons.lossVsOneTunnel(rows.get(1), rows)).isCloseTo(0.5, within(1e-9));
        assertThat(WorkerComparisons.lossVsOneTunnel(rows.get(2), rows)).isCloseTo(0.25, within(1e-9));
        assertThat(WorkerComparisons.lossVsOneTunnel(rows.get(3), rows)).isNaN();
    }

    @Test
    void theTargetsGiveTheCLimitsLossForReferenceAndJudgeTheLoopAlone()
    {
        final String text = WorkerTargets.format(rows);

        assertThat(text.lines().filter(line -> line.contains("raw C limit loss 1 -> 100000 keys 64 B")))
            .singleElement().asString().contains("25.0 % lost").doesNotContain("MET").doesNotContain("MISSED");
        assertThat(text.lines().filter(line -> line.contains("loss 1 -> 100000 tunnels"))).singleElement()
            .asString().contains("50.0 % lost").endsWith("MISSED");
    }
}
