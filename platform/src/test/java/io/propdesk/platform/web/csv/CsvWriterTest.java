package io.propdesk.platform.web.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    private record Row(String id, Object value) {}

    private static final List<CsvColumn<Row>> COLUMNS =
            List.of(CsvColumn.of("id", Row::id), CsvColumn.of("value", Row::value));

    private static String export(Row... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(out, COLUMNS, () -> Arrays.stream(rows));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFileStartsWithAUtf8ByteOrderMarkThenTheHeaderAndEndsEveryRecordWithCrLf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(out, COLUMNS, () -> Stream.of(new Row("a", 1)));
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("id,value\r\na,1\r\n");
    }

    @Test
    void chineseTextIsWrittenAsUtf8AndReadsBackUnchanged() throws IOException {
        String text = export(new Row("翠湖花园", "业主满意"));
        assertThat(text).isEqualTo(CsvWriter.BOM + "id,value\r\n翠湖花园,业主满意\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithTheirQuotesDoubled_rfc4180() {
        assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
        assertThat(CsvWriter.cell(null)).isEmpty();
        assertThat(CsvWriter.cell("")).isEmpty();
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvWriter.cell("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.cell("a=b")).as("only a leading sign").isEqualTo("a=b");
        assertThat(CsvWriter.cell("2026-12-01T06:00:00Z")).isEqualTo("2026-12-01T06:00:00Z");
    }

    @Test
    void numbersAndBooleansStayValuesEvenWhenNegative() {
        assertThat(CsvWriter.cell(-15)).isEqualTo("-15");
        assertThat(CsvWriter.cell(2.5)).isEqualTo("2.5");
        assertThat(CsvWriter.cell(true)).isEqualTo("true");
        assertThat(CsvWriter.cell(Instant.parse("2026-12-01T06:00:00Z"))).isEqualTo("2026-12-01T06:00:00Z");
    }

    @Test
    void theRowStreamIsOpenedOnlyWhenWrittenAndClosedAfterwards() throws IOException {
        AtomicBoolean opened = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var response = CsvExport.attachment("x.csv", COLUMNS, () -> {
            opened.set(true);
            return Stream.of(new Row("a", 1)).onClose(() -> closed.set(true));
        });
        assertThat(opened).isFalse();
        assertThat(response.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(response.getHeaders().getFirst("Content-Disposition")).contains("attachment", "filename=\"x.csv\"");
        response.getBody().writeTo(out);
        assertThat(opened).isTrue();
        assertThat(closed).isTrue();
    }

    @Test
    void aFailingRowStreamIsClosedAndTheFailurePropagates() {
        AtomicBoolean closed = new AtomicBoolean();
        assertThatThrownBy(() -> CsvExport.write(
                        new ByteArrayOutputStream(),
                        COLUMNS,
                        () -> Stream.<Row>generate(() -> {
                                    throw new IllegalStateException("cursor lost");
                                })
                                .onClose(() -> closed.set(true))))
                .hasMessage("cursor lost");
        assertThat(closed).isTrue();
    }

    @Test
    void manyRowsAreWrittenOneAtATimeAndCounted() throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long records =
                CsvExport.write(out, COLUMNS, () -> IntStream.range(0, 2_500).mapToObj(i -> new Row("r" + i, i)));
        assertThat(records).isEqualTo(2_501);
        out.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
        assertThat(lines).hasSize(2_501);
        assertThat(lines.get(2_500)).isEqualTo("r2499,2499");
    }

    @Test
    void aMomentIsWrittenAsItsUtcInstantAndAsTheLocalTimeOfTheRowsZone() throws IOException {
        record Due(Instant at, String zone) {}
        List<CsvColumn<Due>> columns = CsvColumn.instantAndLocal("dueAt", Due::at, d -> java.time.ZoneId.of(d.zone()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(
                out,
                columns,
                () -> Stream.of(
                        new Due(Instant.parse("2026-12-01T06:00:00Z"), "Asia/Shanghai"),
                        new Due(Instant.parse("2026-12-01T06:00:00Z"), "Europe/London"),
                        new Due(null, "Asia/Shanghai")));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(CsvWriter.BOM
                        + "dueAt,dueAtLocal\r\n"
                        + "2026-12-01T06:00:00Z,2026-12-01T14:00:00\r\n"
                        + "2026-12-01T06:00:00Z,2026-12-01T06:00:00\r\n"
                        + ",\r\n");
    }
}
