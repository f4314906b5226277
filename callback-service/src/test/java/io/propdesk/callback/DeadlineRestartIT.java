package io.propdesk.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Deadlines survive restarts: the service stops before a due time and starts again after it, and every obligation
 * that came due in between is breached exactly once; a further restart breaches nothing again.
 */
class DeadlineRestartIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final MutableClock CLOCK = new MutableClock(local("2026-12-01T08:00"));

    /** Registered by class, not scanned: the test's hand-moved clock. */
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String database = "callback_restart_" + run;

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                        CallbackServiceApplication.class, Clocks.class)
                .properties("spring.config.name=callback-service")
                .initializers(new SharedInfrastructureInitializer())
                // command-line arguments, not default properties: callback-service.yml's port (8083) and anything in
                // the environment would outrank a default, and the test must never need a fixed port to be free
                .run("--server.port=0", "--spring.data.mongodb.database=" + database);
        // issue 15, Tests: a random port, not the yml's 8083
        assertThat(((WebServerApplicationContext) context).getWebServer().getPort())
                .isNotEqualTo(8083);
        return context;
    }

    @Test
    void aRestartBetweenDueTimeAndDetectionStillBreachesEachObligationExactlyOnce_R4_C4() throws Exception {
        String repair = "TR-" + run;
        String complaint = "TC-" + run;
        String estate = "estate-" + run;
        try (Upstream upstream = new Upstream(kafka)) {
            try (ConfigurableApplicationContext first = start()) {
                LedgerDesk desk = first.getBean(LedgerDesk.class);
                upstream.estate(estate, CLOCK.instant());
                upstream.ticketOpened(
                        repair,
                        estate,
                        TicketKind.REPAIR,
                        false,
                        null,
                        "steward-li",
                        local("2026-12-01T09:00")); // R4:1 due 13:00
                upstream.ticketOpened(
                        complaint,
                        estate,
                        TicketKind.COMPLAINT,
                        false,
                        Severity.MAJOR,
                        "steward-wu",
                        local("2026-12-01T09:30")); // R4:1 due 13:30
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> desk.find(repair).isPresent()
                                && desk.find(complaint).isPresent());
            }
            // down from 12:00 to 15:00: both windows came due while nobody was watching; the complaint's next window
            // (13:30 + 4 h = Wednesday 09:00) and its joint follow-up C4 are not due yet, the repair's (17:00) neither
            CLOCK.set(local("2026-12-01T15:00"));
            List<String> expected = List.of(repair + ":R4:1", complaint + ":R4:1");
            try (ConfigurableApplicationContext second = start();
                    TopicReader reader = new TopicReader(kafka, Topics.CALLBACK_EVENTS)) {
                reader.readUntil(rs -> breaches(rs, estate).keySet().containsAll(expected), Duration.ofSeconds(30));
                assertThat(second.getBean(LedgerDesk.class)
                                .find(complaint)
                                .orElseThrow()
                                .obligations())
                        .filteredOn(o -> o.obligationId().equals(complaint + ":C4:1"))
                        .singleElement()
                        .extracting(o -> o.status())
                        .isEqualTo(ObligationStatus.OPEN);
            }
            try (ConfigurableApplicationContext third = start();
                    TopicReader reader = new TopicReader(kafka, Topics.CALLBACK_EVENTS)) {
                Map<String, Long> breaches =
                        breaches(reader.readUntilQuiet(Duration.ofSeconds(4), Duration.ofSeconds(20)), estate);
                assertThat(breaches)
                        .containsOnlyKeys(expected)
                        .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
            }
        }
    }

    private static Map<String, Long> breaches(List<ConsumerRecord<String, byte[]>> records, String estate) {
        return records.stream()
                .filter(r -> EventTypes.typeOf(SlaBreached.class).equals(TopicReader.header(r, "ce_type")))
                // the relay delivers at least once with a stable ce_id (delivery guarantee 2): one breach is one id
                .filter(TopicReader.firstDeliveryOfEachEvent())
                .map(r -> CloudEventCodec.fromJson(r.value(), SlaBreached.class))
                .filter(b -> estate.equals(b.estateId()))
                .collect(Collectors.groupingBy(SlaBreached::obligationId, Collectors.counting()));
    }
}
