package io.torii.perf.lab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a {@link ChartData} as grouped vertical bars on a white canvas with a value axis of round steps,
 * a legend and each bar's value above it, and writes it as PNG. A chart with no values shows its note
 * instead of bars, so a skipped scenario still leaves a readable file.
 */
public final class BarChartPainter
{
    /** The image's width in pixels. */
    public static final int WIDTH = 960;
    /** The image's height in pixels. */
    public static final int HEIGHT = 540;
    private static final int LEFT = 90;
    private static final int RIGHT = 220;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final int TICKS = 5;
    private static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e),
        new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
        new Color(0x7f7f7f));

    private BarChartPainter()
    {
    }

    /**
     * @param data the chart.
     * @return the chart drawn.
     */
    public static BufferedImage paint(final ChartData data)
    {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try
        {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(data.title(), LEFT, TOP - 25);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            if (!data.hasValues() || data.categories().isEmpty())
            {
                g.drawString(data.note().isEmpty() ? "no figures" : data.note(), LEFT, HEIGHT / 2);
                return image;
            }
            final double top = niceTop(data.maximum());
            axes(g, data, top);
            bars(g, data, top);
            legend(g, data);
            return image;
        }
        finally
        {
            g.dispose();
        }
    }

    /**
     * Draws the chart and writes it.
     *
     * @param data the chart.
     * @param file the PNG file to write; its directory must exist.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final ChartData data, final Path file) throws IOException
    {
        try (var out = Files.newOutputStream(file))
        {
            if (!ImageIO.write(paint(data), "png", out))
            {
                throw new IOException("no PNG writer in this JDK");
            }
        }
    }

    /** @return a round value at or above the maximum, so the axis steps are 1, 2 or 5 times a power of ten. */
    static double niceTop(final double maximum)
    {
        if (!(maximum > 0))
        {
            return 1;
        }
        final double rawStep = maximum / TICKS;
        final double magnitude = Math.pow(10, Math.floor(Math.log10(rawStep)));
        final double fraction = rawStep / magnitude;
        final double step = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return Math.ceil(maximum / (step * magnitude)) * step * magnitude;
    }

    private static void axes(final Graphics2D g, final ChartData data, final double top)
    {
        final int plotBottom = HEIGHT - BOTTOM;
        final int plotRight = WIDTH - RIGHT;
        final FontMetrics metrics = g.getFontMetrics();
        for (int tick = 0; tick <= TICKS; tick++)
        {
            final double value = top * tick / TICKS;
            final int y = plotBottom - (int)Math.round((plotBottom - TOP) * (value / top));
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, plotRight, y);
            g.setColor(Color.BLACK);
            final String label = format(value);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + metrics.getAscent() / 2);
        }
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, TOP, LEFT, plotBottom);
        g.drawLine(LEFT, plotBottom, plotRight, plotBottom);
        g.drawString(data.categoryAxis(), LEFT + (plotRight - LEFT - metrics.stringWidth(data.categoryAxis())) / 2,
            HEIGHT - 20);
        final Graphics2D rotated = (Graphics2D)g.create();
        try
        {
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(data.valueAxis(), -(TOP + (plotBottom - TOP) / 2 +
                metrics.stringWidth(data.valueAxis()) / 2), 20);
        }
        finally
        {
            rotated.dispose();
        }
    }

    private static void bars(final Graphics2D g, final ChartData data, final double top)
    {
        final int plotBottom = HEIGHT - BOTTOM;
        final int groupWidth = (WIDTH - RIGHT - LEFT) / data.categories().size();
        final int barWidth = Math.max(2, (int)(groupWidth * 0.8 / data.series().size()));
        final FontMetrics metrics = g.getFontMetrics();
        for (int category = 0; category < data.categories().size(); category++)
        {
            final int groupLeft = LEFT + category * groupWidth + (int)(groupWidth * 0.1);
            for (int series = 0; series < data.series().size(); series++)
            {
                final double value = data.series().get(series).values().get(category);
                if (!Double.isFinite(value))
                {
                    continue;
                }
                final int height = (int)Math.round((plotBottom - TOP) * (value / top));
                final int x = groupLeft + series * barWidth;
                g.setColor(PALETTE.get(series % PALETTE.size()));
                g.fillRect(x, plotBottom - height, barWidth - 2, height);
                g.setColor(Color.DARK_GRAY);
                final String label = format(value);
                if (metrics.stringWidth(label) <= barWidth + 8)
                {
                    g.drawString(label, x + (barWidth - 2 - metrics.stringWidth(label)) / 2, plotBottom - height - 3);
                }
            }
            g.setColor(Color.BLACK);
            final String name = data.categories().get(category);
            g.drawString(name, LEFT + category * groupWidth + (groupWidth - metrics.stringWidth(name)) / 2,
                plotBottom + 18);
        }
    }

    private static void legend(final Graphics2D g, final ChartData data)
    {
        final int x = WIDTH - RIGHT + 20;
        int y = TOP;
        for (int series = 0; series < data.series().size(); series++)
        {
            g.setColor(PALETTE.get(series % PALETTE.size()));
            g.fillRect(x, y, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(data.series().get(series).name(), x + 20, y + 12);
            y += 22;
        }
    }

    private static String format(final double value)
    {
        if (value == 0)
        {
            return "0";
        }
        final double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
    }
}
