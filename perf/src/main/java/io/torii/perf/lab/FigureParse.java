package io.torii.perf.lab;

/**
 * What reading one JSON line gave: a figure, or the reason there is none.
 *
 * @param figure the figure, null when the line was not one.
 * @param failure why the line was not a figure, null when it was.
 */
public record FigureParse(Figure figure, String failure)
{
    /** @return true when the line was a figure. */
    public boolean ok()
    {
        return figure != null;
    }

    static FigureParse of(final Figure figure)
    {
        return new FigureParse(figure, null);
    }

    static FigureParse failed(final String failure)
    {
        return new FigureParse(null, failure);
    }
}
