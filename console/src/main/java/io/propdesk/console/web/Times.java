package io.propdesk.console.web;

import io.propdesk.console.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Times as the desk reads them: in the estate's own zone (from its directory entry, once read), else the console's
 * configured zone (Asia/Shanghai by default); countdowns to a due time with their urgency. Templates reach it as
 * {@code @times}.
 */
@Component("times")
public class Times {

    /** Under this, a due time is close (red-amber); under an hour it is near (amber); past it is breached. */
    static final Duration CLOSE = Duration.ofMinutes(30);

    static final Duration NEAR = Duration.ofHours(1);

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final ZoneId fallback;
    private final Map<String, ZoneId> estates = new ConcurrentHashMap<>();

    public Times(Clock clock, ConsoleProperties properties) {
        this.clock = clock;
        this.fallback = properties.timeZone();
    }

    /** Remembers an estate's zone from its directory entry. */
    public void estateZone(String estateId, String zone) {
        if (estateId != null && zone != null) {
            try {
                estates.put(estateId, ZoneId.of(zone));
            } catch (java.time.DateTimeException e) {
                // an estate with a zone this JVM does not know is shown in the console's zone
            }
        }
    }

    public ZoneId zoneOf(String estateId) {
        return estateId == null ? fallback : estates.getOrDefault(estateId, fallback);
    }

    public Instant now() {
        return clock.instant();
    }

    /** {@code 2026-12-02 14:05} in the estate's zone; empty for no time. */
    public String format(Object time, String estateId) {
        Instant instant = instant(time);
        return instant == null ? "" : FORMAT.format(instant.atZone(zoneOf(estateId)));
    }

    /** {@code 1:05:00} until the due time, {@code -0:12:30} once it has passed. */
    public String countdown(Object due) {
        Instant at = instant(due);
        if (at == null) {
            return "";
        }
        Duration left = Duration.between(now(), at);
        Duration abs = left.abs();
        return (left.isNegative() ? "-" : "")
                + "%d:%02d:%02d".formatted(abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart());
    }

    /** The countdown's colour: {@code due-far} (more than 1 h), {@code due-near}, {@code due-close}, {@code due-breached}. */
    public String urgency(Object due) {
        Instant at = instant(due);
        if (at == null) {
            return "due-none";
        }
        Duration left = Duration.between(now(), at);
        if (left.isNegative()) {
            return "due-breached";
        }
        return left.compareTo(CLOSE) < 0 ? "due-close" : left.compareTo(NEAR) < 0 ? "due-near" : "due-far";
    }

    private static Instant instant(Object time) {
        if (time == null) {
            return null;
        }
        if (time instanceof Instant instant) {
            return instant;
        }
        String text = time.toString();
        return text.isBlank() ? null : Instant.parse(text);
    }
}
