package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureJsonTest
{
    @Test
    void aFigureSurvivesTheRoundTrip()
    {
        final Figure figure = new Figure("loop", Figure.TORII, "loop_mpps", "Mpps", 3.25,
            Map.of("workers", "2", "size", "64"));

        final String line = FigureJson.toJsonLine(figure);
        final FigureParse parsed = FigureJson.parse(line);

        assertThat(line).isEqualTo("{\"scenario\":\"loop\",\"system\":\"torii\",\"metric\":\"loop_mpps\"," +
            "\"unit\":\"Mpps\",\"value\":3.25000,\"labels\":{\"size\":\"64\",\"workers\":\"2\"}}");
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.figure()).isEqualTo(figure);
    }

    @Test
    void quotesAndControlCharactersAreEscapedAndReadBack()
    {
        final Figure figure = new Figure("e2e", Figure.TORII, "m", "a \"unit\"\\", 1, Map.of("note", "tab\there\n"));

        final FigureParse parsed = FigureJson.parse(FigureJson.toJsonLine(figure));

        assertThat(FigureJson.toJsonLine(figure)).doesNotContain("\t").doesNotContain("\n");
        assertThat(parsed.figure()).isEqualTo(figure);
    }

    @Test
    void aValueThatIsNotFiniteIsWrittenAsNullAndReadAsNaN()
    {
        final Figure figure = new Figure("ike", Figure.STRONGSWAN, "ike_sas_per_s", "1/s", Double.NaN, Map.of());

        final String line = FigureJson.toJsonLine(figure);

        assertThat(line).contains("\"value\":null");
        assertThat(FigureJson.parse(line).figure().value()).isNaN();
    }

    @Test
    void fieldsMayComeInAnyOrderWithSpaces()
    {
        final FigureParse parsed = FigureJson.parse(" { \"labels\" : { } , \"value\" : -1.5e3, \"unit\":\"us\"," +
            " \"metric\":\"x\", \"system\":\"veth\", \"scenario\":\"e2e\" } ");

        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.figure().value()).isEqualTo(-1500.0);
        assertThat(parsed.figure().system()).isEqualTo(Figure.VETH);
    }

    @Test
    void badLinesGiveAReasonInsteadOfThrowing()
    {
        final String good = FigureJson.toJsonLine(new Figure("s", "torii", "m", "u", 1, Map.of("a", "b")));

        assertThat(FigureJson.parse(null).failure()).isEqualTo("no line");
        assertThat(FigureJson.parse("").failure()).contains("expected '{'");
        assertThat(FigureJson.parse(good.substring(0, good.length() - 3)).ok()).isFalse();
        assertThat(FigureJson.parse(good + "x").failure()).contains("text after the object");
        assertThat(FigureJson.parse(good.replace("\"metric\":\"m\",", "")).failure()).contains("'metric'");
        assertThat(FigureJson.parse(good.replace("\"value\":1.00000", "\"value\":\"1\"")).failure())
            .contains("'value'");
        assertThat(FigureJson.parse(good.replace("\"a\":\"b\"", "\"a\":2")).failure()).contains("label 'a'");
        assertThat(FigureJson.parse(good.replace("\"labels\":{\"a\":\"b\"}", "\"labels\":\"b\"")).failure())
            .contains("'labels'");
        assertThat(FigureJson.parse(good.replace("\"unit\":\"u\"", "\"unit\":\"u\",\"unit\":\"v\"")).failure())
            .contains("twice");
        assertThat(FigureJson.parse("{\"scenario\":\"\\u12\"}").ok()).isFalse();
        assertThat(FigureJson.parse("{\"value\":1e}").failure()).contains("bad number");
    }
}
