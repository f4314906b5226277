package io.propdesk.console.management;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The SLA screen's tables as CSV (RFC 4180): one row per group of each grouping, then the grouping's total. A field is
 * quoted when it holds a comma, a quote or a line break; one that a spreadsheet would read as a formula (=, +, -, @)
 * is prefixed with an apostrophe, since a steward id or an estate name is typed by people.
 */
final class ComplianceCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ComplianceCsv() {}

    static String write(
            List<SlaController.Grouping> groupings, List<String> header, Function<String, String> groupingLabel) {
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        for (SlaController.Grouping grouping : groupings) {
            String name = groupingLabel.apply(grouping.name());
            List<SlaController.Figures> rows = new ArrayList<>(grouping.groups());
            rows.add(grouping.total());
            for (SlaController.Figures f : rows) {
                line(
                        csv,
                        List.of(
                                name,
                                f.label(),
                                Long.toString(f.due()),
                                Long.toString(f.met()),
                                Long.toString(f.breached()),
                                number(f.compliancePercent()),
                                Long.toString(f.returnedRepairs()),
                                Long.toString(f.completedRepairCallbacks()),
                                number(f.repairCallbackRate())));
            }
        }
        return csv.toString();
    }

    /** UTF-8 with a byte-order mark, so a spreadsheet shows the Chinese labels as such. */
    static byte[] withByteOrderMark(String csv) {
        byte[] text = csv.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, bytes, 0, BOM.length);
        System.arraycopy(text, 0, bytes, BOM.length, text.length);
        return bytes;
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
