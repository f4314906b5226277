package io.propdesk.platform.web.csv;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A CSV download streamed as it is read: {@code text/csv; charset=UTF-8}, an attachment with the given file name, the
 * header row of the columns, then one row per element of the row stream. The stream is opened only when the response
 * is written (after the controller has checked the request, so a bad request is still a problem+json) and closed at
 * the end, so a database cursor behind it lives exactly as long as the download. Nothing is collected: memory holds
 * the cursor's current batch and one row.
 *
 * <p>Once the first bytes are sent the status is 200; a failure after that ends the download early (the client sees a
 * broken transfer, never a half file presented as whole, because the connection is aborted).
 */
public final class CsvExport {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** Flushed to the client every this many rows, so a slow consumer sees progress and the buffer stays small. */
    static final int FLUSH_EVERY = 1_000;

    private CsvExport() {}

    /** @param filename an ASCII file name, e.g. {@code obligations-2026-12-01-2026-12-03.csv} */
    public static <R> ResponseEntity<StreamingResponseBody> attachment(
            String filename, List<CsvColumn<R>> columns, Supplier<? extends Stream<? extends R>> rows) {
        if (!filename.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("an export's file name is plain ASCII: " + filename);
        }
        StreamingResponseBody body = out -> write(out, columns, rows);
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    /** Writes the whole file onto {@code out}; answers the records written, the header included. */
    public static <R> long write(
            OutputStream out, List<CsvColumn<R>> columns, Supplier<? extends Stream<? extends R>> rows)
            throws java.io.IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(columns.stream().map(CsvColumn::name).toList());
        List<Object> cells = new ArrayList<>(columns.size());
        try (Stream<? extends R> stream = rows.get()) {
            Iterator<? extends R> it = stream.iterator();
            while (it.hasNext()) {
                R row = it.next();
                cells.clear();
                for (CsvColumn<R> column : columns) {
                    cells.add(column.value().apply(row));
                }
                csv.row(cells);
                if (csv.rows() % FLUSH_EVERY == 0) {
                    csv.flush();
                }
            }
        }
        csv.flush();
        return csv.rows();
    }
}
