package io.propdesk.platform.web;

import io.propdesk.platform.domain.BadRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The bounds every service puts on what a request may carry (ids, times, amounts, text), in one place so that every
 * door (REST bodies, path segments, the call center's topic) accepts exactly the same values.
 */
public final class RequestBounds {

    /**
     * Estate, area, building and unit ids: they end up in paths ({@code /api/owners/<estateId>:<unitId>/...}), so
     * they may only hold characters a path segment carries as they are.
     */
    public static final String ID = "[A-Za-z0-9._-]{1,100}";

    public static final String ID_MESSAGE = "1 to 100 letters, digits and . _ - only";
    private static final Pattern ID_PATTERN = Pattern.compile(ID);

    /** The largest amount of money a request may name: a price, a fee, a unit price (documented in the API docs). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");

    /** Calendar dates that are not relative to now (price lists, holidays, contracts, months) lie in this range. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);

    public static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);

    private RequestBounds() {}

    /** Whether a string holds a control character; free text (descriptions, notes) may hold newline and tab. */
    public static boolean hasControlCharacter(String value, boolean freeText) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL && !(freeText && (c == '\n' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isId(String value) {
        return value != null && ID_PATTERN.matcher(value).matches();
    }

    /** A month in a path, {@code yyyy-MM} within 2000..2100: otherwise 400 naming the field. */
    public static YearMonth month(String field, String value) {
        YearMonth month;
        try {
            month = value != null && value.matches("\\d{4}-\\d{2}") ? YearMonth.parse(value) : null;
        } catch (DateTimeParseException e) {
            month = null;
        }
        if (month == null) {
            throw new BadRequestException(field, "not a month like 2026-11");
        }
        if (month.isBefore(YearMonth.from(FIRST_DAY)) || month.isAfter(YearMonth.from(LAST_DAY))) {
            throw new BadRequestException(
                    field, "must be between " + YearMonth.from(FIRST_DAY) + " and " + YearMonth.from(LAST_DAY));
        }
        return month;
    }
}
