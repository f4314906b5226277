package io.propdesk.platform.web.csv;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a CSV export: its stable header name and how a row gives its cell. A cell of {@code null} is empty; a
 * {@link Number} or {@link Boolean} is written as it is; anything else as its text, guarded against formulas
 * ({@link CsvWriter}).
 */
public record CsvColumn<R>(String name, Function<? super R, ?> value) {

    public CsvColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Local times as {@code 2026-12-01T14:00:00}: always with seconds, so a column has one width and sorts as text. */
    public static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    public static <R> CsvColumn<R> of(String name, Function<? super R, ?> value) {
        return new CsvColumn<>(name, value);
    }

    /**
     * A moment as two columns: {@code name}, the ISO-8601 instant in UTC ({@code 2026-12-01T06:00:00Z}), and {@code
     * nameLocal}, the wall-clock time in the zone the row says ({@code 2026-12-01T14:00:00}, the estate's local time),
     * both empty when the row has no such moment.
     */
    public static <R> List<CsvColumn<R>> instantAndLocal(
            String name, Function<? super R, Instant> instant, Function<? super R, ZoneId> zone) {
        return List.of(of(name, instant), of(name + "Local", row -> {
            Instant at = instant.apply(row);
            return at == null ? null : LOCAL.format(at.atZone(zone.apply(row)));
        }));
    }
}
