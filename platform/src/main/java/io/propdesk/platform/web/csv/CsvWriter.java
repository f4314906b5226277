package io.propdesk.platform.web.csv;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes RFC 4180 CSV in UTF-8 with a byte order mark, one row at a time onto a stream, so an export of any length
 * holds one row in memory. The BOM is what makes spreadsheet programs read the file as UTF-8 (Chinese text shows as
 * written instead of as mojibake); lines end in CRLF as RFC 4180 says.
 *
 * <p>A text cell that a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage
 * return) gets a leading apostrophe, so an id or a name someone typed cannot turn into a formula on the manager's
 * machine (OWASP "CSV injection"). Numbers and booleans are written unchanged: a negative number stays a number.
 */
public final class CsvWriter implements Flushable {

    /** U+FEFF, written first. */
    public static final String BOM = "\uFEFF";

    private static final String LINE_END = "\r\n";

    private final Writer out;
    private long rows;

    /** Starts the file: writes the byte order mark. The caller closes {@code stream}. */
    public CsvWriter(OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
        out.write(BOM);
    }

    /** One record; the header is the first one. */
    public void row(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write(LINE_END);
        rows++;
    }

    /** Records written so far, the header included. */
    public long rows() {
        return rows;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** A value as its field: empty for null, quoted when it holds a comma, a quote or a line break. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !(value instanceof Boolean)) {
            text = defused(text);
        }
        return quoted(text);
    }

    /** A leading apostrophe before what a spreadsheet would take for a formula. */
    static String defused(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }

    /** RFC 4180 §2.6-2.7: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
    static String quoted(String text) {
        boolean needs = false;
        for (int i = 0; i < text.length() && !needs; i++) {
            char c = text.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
