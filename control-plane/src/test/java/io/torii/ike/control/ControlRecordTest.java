package io.torii.ike.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlRecordTest
{
    @Test
    void anyValueTravelsOnOnePrintableLine()
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("plain", "192.0.2.1");
        fields.put("spaced", "CN=gw a, O=Example");
        fields.put("percent", "100%=done");
        fields.put("lines", "one\ntwo\r\tthree");
        fields.put("unicode", "gateway-\u00e9\u6771\ud83d\ude80");
        fields.put("empty", "");
        final ControlRecord record = new ControlRecord("ike-sa", fields);

        final String text = record.toText();

        assertThat(text).startsWith("ike-sa plain=192.0.2.1 spaced=CN%3Dgw%20a,%20O%3DExample percent=100%25%3Ddone");
        assertThat(text.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
        assertThat(text.split(" ")).hasSize(7);
        final ControlRecord.Parsed parsed = ControlRecord.parse(text);
        assertThat(parsed.reason()).isNull();
        assertThat(parsed.record().kind()).isEqualTo("ike-sa");
        assertThat(parsed.record().fields()).containsExactlyEntriesOf(fields);
    }

    @Test
    void typedReadsFallBackForMissingOrMalformedFields()
    {
        final ControlRecord record = ControlRecord.parse("child-sa spi-in=3405691582 ts=10.1.0.0/24,10.3.0.0/16 " +
            "encap=yes id=seven").record();

        assertThat(record.number("spi-in", -1)).isEqualTo(3_405_691_582L);
        assertThat(record.number("id", -1)).isEqualTo(-1);
        assertThat(record.number("absent", 5)).isEqualTo(5);
        assertThat(record.list("ts")).containsExactly("10.1.0.0/24", "10.3.0.0/16");
        assertThat(record.list("absent")).isEmpty();
        assertThat(record.flag("encap")).isTrue();
        assertThat(record.flag("absent")).isFalse();
    }

    @Test
    void malformedRecordsAreNamedNeverThrown()
    {
        for (final String bad : List.of("", " name=x", "conn name", "conn =x", "conn na_me=x", "conn a=%4", "conn a=%zz",
            "conn a=1 a=2", "conn a=b=c", "conn a=\u00e9"))
        {
            final ControlRecord.Parsed parsed = ControlRecord.parse(bad);
            assertThat(parsed.isOk()).as(bad).isFalse();
            assertThat(parsed.reason()).as(bad).isNotBlank();
        }
    }

    @Test
    void replyLinesSplitAtTheFirstSpaceAndStayOneLine()
    {
        assertThat(ReplyLine.parse("LOG [IKE] initiating IKE_SA site")).isEqualTo(
            new ReplyLine("LOG", "[IKE] initiating IKE_SA site"));
        assertThat(ReplyLine.parse("OK").isFinal()).isTrue();
        assertThat(ReplyLine.parse("ERROR no connection named 'x'").isFinal()).isTrue();
        assertThat(ReplyLine.parse("DATA conn name=x").isFinal()).isFalse();
        assertThat(new ReplyLine("ERROR", "two\nlines").toWire()).isEqualTo("ERROR two lines\n");
        assertThat(new ReplyLine("OK", "").toWire()).isEqualTo("OK\n");
    }
}
