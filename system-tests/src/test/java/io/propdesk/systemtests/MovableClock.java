package io.propdesk.systemtests;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services' one clock in a system test (registered as the {@code clock} bean of every context through {@code
 * Options.contextInitializer}): it runs like the real one from where it was set, and a test moves it forward to let
 * an SLA window pass instead of sleeping through it.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset;
    private final ZoneId estateZone;

    private MovableClock(Instant start, ZoneId estateZone) {
        this.offset = new AtomicReference<>(Duration.between(Instant.now(), start));
        this.estateZone = estateZone;
    }

    /**
     * Set to 10:00 in the estate's zone on the next working day (Monday to Saturday, R9's default calendar) after
     * today: a whole working day ahead, whatever the time the test runs.
     */
    public static MovableClock atNextWorkingMorning(ZoneId estateZone) {
        LocalDate day = LocalDate.now(estateZone).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return new MovableClock(
                day.atTime(LocalTime.of(10, 0)).atZone(estateZone).toInstant(), estateZone);
    }

    public void advance(Duration duration) {
        offset.updateAndGet(o -> o.plus(duration));
    }

    /** The day it is now in the estate's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), estateZone);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
