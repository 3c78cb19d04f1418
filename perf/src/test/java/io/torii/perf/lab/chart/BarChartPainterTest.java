package io.torii.perf.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartPainterTest
{
    private static final int FIRST_SERIES_RGB = 0x1f77b4;
    private static final int SECOND_SERIES_RGB = 0xff7f0e;

    @TempDir
    Path directory;

    private static long pixels(final BufferedImage image, final int rgb)
    {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void aChartIsWrittenAsAPngThatDecodesWithBarsInEachSeriesColour() throws Exception
    {
        final ChartData data = new ChartData("t", "Gbit/s", "size", List.of("64", "1400"),
            List.of(new ChartSeries("a", List.of(1.0, 10.0)), new ChartSeries("b", List.of(2.0, Double.NaN))),
            "none");
        final Path file = directory.resolve("chart.png");

        BarChartPainter.write(data, file);
        final BufferedImage image = ImageIO.read(file.toFile());

        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(BarChartPainter.WIDTH);
        assertThat(image.getHeight()).isEqualTo(BarChartPainter.HEIGHT);
        // Series a has two bars (1 and 10), b one of 2: a covers clearly more area than b.
        assertThat(pixels(image, FIRST_SERIES_RGB)).isGreaterThan(3 * pixels(image, SECOND_SERIES_RGB));
        assertThat(pixels(image, SECOND_SERIES_RGB)).isPositive();
    }

    @Test
    void aChartWithoutValuesDrawsItsNoteAndNoBars() throws Exception
    {
        final ChartData empty = new ChartData("t", "v", "c", List.of("x"),
            List.of(new ChartSeries("a", List.of(Double.NaN))), "scenario skipped");
        final Path file = directory.resolve("empty.png");

        BarChartPainter.write(empty, file);
        final BufferedImage image = ImageIO.read(file.toFile());

        assertThat(empty.hasValues()).isFalse();
        assertThat(pixels(image, FIRST_SERIES_RGB)).isZero();
        assertThat(pixels(image, 0x000000) + pixels(image, 0xffffff)).isLessThan((long)image.getWidth() *
            image.getHeight());
    }

    @Test
    void theAxisTopIsARoundStepAboveTheMaximum()
    {
        assertThat(BarChartPainter.niceTop(0)).isEqualTo(1);
        assertThat(BarChartPainter.niceTop(9.3)).isEqualTo(10);
        assertThat(BarChartPainter.niceTop(93)).isEqualTo(100);
        assertThat(BarChartPainter.niceTop(0.42)).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(BarChartPainter.niceTop(1234)).isEqualTo(1500);
    }

    @Test
    void aSeriesMustHaveOneValuePerCategory()
    {
        assertThatThrownBy(() -> new ChartData("t", "v", "c", List.of("a", "b"),
            List.of(new ChartSeries("s", List.of(1.0))), ""))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1 values for 2 categories");
    }
}
