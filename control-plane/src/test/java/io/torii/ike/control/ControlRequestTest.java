package io.torii.ike.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlRequestTest
{
    @Test
    void everyRequestSurvivesItsLine()
    {
        for (final ControlRequest request : List.of(ControlRequest.listConns(), ControlRequest.listSas(),
            ControlRequest.loadAll(), ControlRequest.initiate(ControlRequest.Scope.CHILD, "site", 30_000),
            ControlRequest.initiate(ControlRequest.Scope.IKE, "gw-b.example", 1),
            ControlRequest.terminate(ControlRequest.Scope.IKE, "site"),
            ControlRequest.rekey(ControlRequest.Scope.CHILD, "net"), ControlRequest.rekey(ControlRequest.Scope.IKE, "site")))
        {
            final String line = request.toLine();
            assertThat(line).endsWith("\n").doesNotContain("\n\n");
            final ControlRequest.Parsed parsed = ControlRequest.parse(line.substring(0, line.length() - 1));
            assertThat(parsed.reason()).isNull();
            assertThat(parsed.request()).isEqualTo(request);
        }
    }

    @Test
    void linesAreTheDocumentedWords()
    {
        assertThat(ControlRequest.initiate(ControlRequest.Scope.CHILD, "site", 2500).toLine())
            .isEqualTo("initiate child site 2500\n");
        assertThat(ControlRequest.terminate(ControlRequest.Scope.IKE, "site").toLine()).isEqualTo("terminate ike site\n");
        assertThat(ControlRequest.listSas().toLine()).isEqualTo("list-sas\n");
        assertThat(ControlRequest.rekey(ControlRequest.Scope.CHILD, "net").toLine()).isEqualTo("rekey child net\n");
    }

    @Test
    void badLinesAreRefusedWithAReasonNeverAnException()
    {
        assertThat(ControlRequest.parse("").reason()).contains("unknown request");
        assertThat(ControlRequest.parse("list-sas now").reason()).contains("takes 0 argument(s), got 1");
        assertThat(ControlRequest.parse("initiate ike site").reason()).contains("takes 3 argument(s), got 2");
        assertThat(ControlRequest.parse("initiate peer site 100").reason()).contains("expected ike or child");
        assertThat(ControlRequest.parse("initiate ike site 0").reason()).contains("positive number");
        assertThat(ControlRequest.parse("initiate ike site soon").reason()).contains("positive number");
        assertThat(ControlRequest.parse("terminate ike  ").reason()).contains("takes 2 argument(s)");
        assertThat(ControlRequest.parse("rekey ike").reason()).contains("takes 2 argument(s), got 1");
        assertThat(ControlRequest.parse("terminate child a\tb").reason()).contains("no spaces or control");
        assertThat(ControlRequest.parse("terminate child " + "x".repeat(256)).reason()).contains("1 to 255");
        assertThat(ControlRequest.parse("\u0000\u0001drop").reason()).contains("'??drop'");
    }

    @Test
    void aRequestThatCannotBeSpelledCannotBeMade()
    {
        assertThatThrownBy(() -> ControlRequest.initiate(ControlRequest.Scope.IKE, "two words", 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlRequest.initiate(ControlRequest.Scope.NONE, "site", 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlRequest.terminate(ControlRequest.Scope.IKE, ""))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
