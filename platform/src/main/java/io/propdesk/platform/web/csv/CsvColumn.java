package io.propdesk.platform.web.csv;

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

    public static <R> CsvColumn<R> of(String name, Function<? super R, ?> value) {
        return new CsvColumn<>(name, value);
    }
}
