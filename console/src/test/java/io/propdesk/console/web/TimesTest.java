package io.propdesk.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.console.ConsoleProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    private final Times times = new Times(Clock.fixed(NOW, ZoneOffset.UTC), properties(ZoneId.of("Asia/Shanghai")));

    @Test
    void aCountdownIsColouredByTheTimeLeftAndShownNegativeOnceBreached() {
        assertThat(times.urgency(NOW.plus(Duration.ofMinutes(61)))).isEqualTo("due-far");
        assertThat(times.urgency(NOW.plus(Duration.ofMinutes(59)))).isEqualTo("due-near");
        assertThat(times.urgency(NOW.plus(Duration.ofMinutes(29)))).isEqualTo("due-close");
        assertThat(times.urgency(NOW.minusSeconds(1))).isEqualTo("due-breached");
        assertThat(times.urgency(null)).isEqualTo("due-none");

        assertThat(times.countdown(NOW.plus(Duration.ofMinutes(65)))).isEqualTo("1:05:00");
        assertThat(times.countdown(NOW.minus(Duration.ofMinutes(12)).minusSeconds(30)))
                .isEqualTo("-0:12:30");
        assertThat(times.countdown("2026-12-02T06:00:10Z")).isEqualTo("0:00:10");
    }

    @Test
    void timesAreShownInTheEstatesZoneOnceKnownElseInTheConsolesZone() {
        Instant at = Instant.parse("2026-12-02T01:30:00Z");
        assertThat(times.format(at, "unknown-estate")).isEqualTo("2026-12-02 09:30");
        times.estateZone("alpine", "Europe/Zurich");
        assertThat(times.format(at, "alpine")).isEqualTo("2026-12-02 02:30");
        assertThat(times.format(null, "alpine")).isEmpty();
    }

    static ConsoleProperties properties(ZoneId zone) {
        return new ConsoleProperties(
                Map.of(
                        "ticket", URI.create("http://localhost:1"),
                        "dispatch", URI.create("http://localhost:1"),
                        "callback", URI.create("http://localhost:1"),
                        "billing", URI.create("http://localhost:1")),
                List.of(),
                zone,
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofMinutes(30),
                Map.of());
    }
}
