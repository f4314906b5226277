package io.propdesk.console.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceCsvTest {

    private static SlaController.Figures figures(String key, long due, long met, Double percent) {
        return new SlaController.Figures(key, key, due, met, due - met, percent, 0, 0, null);
    }

    @Test
    void eachGroupingListsItsGroupsThenItsTotalWithTheSameFigures() {
        SlaController.Grouping byRule = new SlaController.Grouping(
                "rule",
                List.of(figures("R4", 4, 3, 75.0), figures("R5", 2, 2, 100.0)),
                figures("合计", 6, 5, 83.33),
                "{}");
        String csv = ComplianceCsv.write(
                List.of(byRule), List.of("口径", "分组", "到期", "按时", "超时", "达标率", "a", "b", "c"), n -> "按规则");
        assertThat(csv.split("\r\n"))
                .containsExactly(
                        "口径,分组,到期,按时,超时,达标率,a,b,c",
                        "按规则,R4,4,3,1,75,0,0,",
                        "按规则,R5,2,2,0,100,0,0,",
                        "按规则,合计,6,5,1,83.33,0,0,");
    }

    @Test
    void theFileStartsWithAByteOrderMarkSoSpreadsheetsReadTheChineseAsUtf8() {
        byte[] bytes = ComplianceCsv.withByteOrderMark("按小区\r\n");
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("按小区\r\n");
    }

    @Test
    void aFieldWithACommaOrQuoteIsQuotedAndOneReadAsAFormulaIsDefused() {
        assertThat(ComplianceCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ComplianceCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ComplianceCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ComplianceCsv.field("-steward")).isEqualTo("'-steward");
        assertThat(ComplianceCsv.field("steward-li")).isEqualTo("steward-li");
    }
}
