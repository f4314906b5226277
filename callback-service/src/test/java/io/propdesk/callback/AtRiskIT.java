package io.propdesk.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * W1 through the real broker: obligations are announced at risk (ObligationAtRisk on {@code propdesk.callback.events})
 * at their hand-counted instants, each exactly once, also when the service was down across the moment, and the open
 * list shows and filters them. The clock is moved by hand; nothing sleeps for a window.
 */
class AtRiskIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final MutableClock CLOCK = new MutableClock(local("2026-12-01T08:00"));
    private static final ObjectMapper JSON = new ObjectMapper();

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
    private final String database = "callback_at_risk_" + run;
    private final String estate = "estate-" + run;
    private final HttpClient http = HttpClient.newHttpClient();

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    private static Instant tuesday(String time) {
        return local("2026-12-01T" + time);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CallbackServiceApplication.class, Clocks.class)
                .properties("spring.config.name=callback-service")
                .initializers(new SharedInfrastructureInitializer())
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.database=" + database,
                        // W1 per rule: paid returns (R8) are warned of an hour ahead, everything else 30 minutes
                        "--propdesk.callback.at-risk-before-by-rule.R8=1h");
    }

    /**
     * One Tuesday at one estate (08:30-17:30 Asia/Shanghai, 2 paid-return hours), counted by hand:
     *
     * <pre>
     * obligation  opens  due    at risk             announced
     * T1:R4:1     09:00  13:00  12:30               at the 12:30 move
     * T2:R4:1     09:30  13:30  13:00               at the 13:00 move
     * T2:R7:WO-2  09:40  -      never (paused: the quote is not accepted)
     * T2:R8:WO-2  10:00  12:00  11:00 (R8: 1 h)     at the 11:00 move, within 5 s; nothing at 10:59
     * T1:R4:2     13:00  17:00  16:30               the service is down 13:00-16:35: at its start, once
     * T2:R4:2     13:30  17:30  17:00               at the 17:10 move
     * T1:R9:WO-1  17:10  17:30  17:10 (opens inside its warning) at the 17:10 move
     * T1:R4:3     17:00  Wed 12:00  Wed 11:30       not yet
     * </pre>
     *
     * Six announcements, one each; at 17:10 the open list shows T2:R4:2 and T1:R9:WO-1 at risk, T2:R7:WO-2 and T1:R4:3
     * not (T1:R4:1, T1:R4:2, T2:R4:1 and T2:R8:WO-2 were breached).
     */
    @Test
    void obligationsAreAnnouncedAtRiskOnceAtTheirMomentAcrossARestartAndTheOpenListShowsThem_W1() throws Exception {
        String t1 = "TA-" + run;
        String t2 = "TB-" + run;
        try (Upstream upstream = new Upstream(kafka);
                TopicReader reader = new TopicReader(kafka, Topics.CALLBACK_EVENTS)) {
            try (ConfigurableApplicationContext first = start()) {
                upstream.estate(estate, CLOCK.instant());
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> first.getBean(EstateCalendars.class)
                                .find(estate)
                                .isPresent());
                CLOCK.set(tuesday("10:30"));
                upstream.ticketOpened(t1, estate, TicketKind.REPAIR, false, null, "steward-li", tuesday("09:00"));
                upstream.dispatched(t1, "WO1-" + run, estate, false, tuesday("09:10"));
                upstream.ticketOpened(t2, estate, TicketKind.REPAIR, true, null, "steward-wu", tuesday("09:30"));
                upstream.dispatched(t2, "WO2-" + run, estate, true, tuesday("09:40"));
                upstream.completed(t2, "WO2-" + run, estate, true, tuesday("10:00"));
                int port = port(first);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(ids(open(port, ""))).hasSize(4));

                CLOCK.set(tuesday("10:59"));
                assertThat(announced(reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(10))))
                        .isEmpty();

                CLOCK.set(tuesday("11:00"));
                // W1: within 5 s of its moment, through the ledger, the store, the relay and the broker
                reader.readUntil(rs -> announced(rs).containsKey(t2 + ":R8:WO2-" + run), Duration.ofSeconds(5));

                CLOCK.set(tuesday("12:30"));
                reader.readUntil(rs -> announced(rs).containsKey(t1 + ":R4:1"), Duration.ofSeconds(30));

                CLOCK.set(tuesday("13:00"));
                reader.readUntil(rs -> announced(rs).containsKey(t2 + ":R4:1"), Duration.ofSeconds(30));
                // the breach detection opened T1's next window before the stop (13:00 -> 17:00)
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(ids(open(port, ""))).contains(t1 + ":R4:2"));
            }

            // down from 13:00 to 16:35: T1:R4:2 came within its warning while nobody was watching
            CLOCK.set(tuesday("16:35"));
            try (ConfigurableApplicationContext second = start()) {
                reader.readUntil(rs -> announced(rs).containsKey(t1 + ":R4:2"), Duration.ofSeconds(30));

                CLOCK.set(tuesday("17:10"));
                upstream.completed(t1, "WO1-" + run, estate, false, tuesday("17:10"));
                reader.readUntil(
                        rs -> announced(rs).keySet().containsAll(List.of(t2 + ":R4:2", t1 + ":R9:WO1-" + run)),
                        Duration.ofSeconds(30));

                int port = port(second);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode atRisk = open(port, "&atRisk=true");
                    // both due 17:30, so by obligation id
                    assertThat(ids(atRisk)).containsExactly(t1 + ":R9:WO1-" + run, t2 + ":R4:2");
                    assertThat(field(atRisk, "atRisk")).containsOnly("true");
                    assertThat(field(atRisk, "atRiskAt"))
                            .containsExactly(
                                    tuesday("17:10").toString(),
                                    tuesday("17:00").toString());
                    JsonNode notAtRisk = open(port, "&atRisk=false");
                    assertThat(ids(notAtRisk)).containsExactly(t1 + ":R4:3", t2 + ":R7:WO2-" + run);
                    assertThat(field(notAtRisk, "atRisk")).containsOnly("false");
                    // T1:R4:3 is due Wednesday 12:00 and will be at risk at 11:30; the paused R7 never
                    assertThat(field(notAtRisk, "atRiskAt"))
                            .containsExactly(local("2026-12-02T11:30").toString(), "null");
                });
                assertThat(second.getBean(MeterRegistry.class)
                                .get("propdesk.obligations.at.risk")
                                .gauge()
                                .value())
                        .isEqualTo(2.0);
                HttpResponse<String> bad = get(port, "/api/obligations?status=open&atRisk=soon");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("atRisk");
            }

            // a further restart announces nothing again
            try (ConfigurableApplicationContext third = start()) {
                Map<String, List<ObligationAtRisk>> all =
                        announced(reader.readUntilQuiet(Duration.ofSeconds(4), Duration.ofSeconds(20)));
                assertThat(all)
                        .containsOnlyKeys(
                                t2 + ":R8:WO2-" + run,
                                t1 + ":R4:1",
                                t2 + ":R4:1",
                                t1 + ":R4:2",
                                t2 + ":R4:2",
                                t1 + ":R9:WO1-" + run)
                        .allSatisfy((id, events) -> assertThat(events).hasSize(1));
                assertThat(all.get(t2 + ":R8:WO2-" + run).get(0)).satisfies(a -> {
                    assertThat(a.atRiskAt()).isEqualTo(tuesday("11:00"));
                    assertThat(a.dueAt()).isEqualTo(tuesday("12:00"));
                    assertThat(a.warningMinutes()).isEqualTo(60);
                    assertThat(a.stewardId()).isEqualTo("steward-wu");
                    assertThat(a.acceptor()).isEqualTo("desk-chen");
                });
                // announced late (after the restart), it still says when it became at risk
                assertThat(all.get(t1 + ":R4:2").get(0).atRiskAt()).isEqualTo(tuesday("16:30"));
                assertThat(all.get(t1 + ":R9:WO1-" + run).get(0).atRiskAt()).isEqualTo(tuesday("17:10"));
            }
        }
    }

    /** The announcements of this run's estate by obligation, one per event id (a re-delivery is not a second). */
    private Map<String, List<ObligationAtRisk>> announced(List<ConsumerRecord<String, byte[]>> records) {
        Predicate<ConsumerRecord<String, byte[]>> first = TopicReader.firstDeliveryOfEachEvent();
        return records.stream()
                .filter(r -> EventTypes.typeOf(ObligationAtRisk.class).equals(TopicReader.header(r, "ce_type")))
                .filter(first)
                .map(r -> CloudEventCodec.fromJson(r.value(), ObligationAtRisk.class))
                .filter(a -> estate.equals(a.estateId()))
                .collect(Collectors.groupingBy(ObligationAtRisk::obligationId));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", DemoUsers.authorizationFor("callback", "GET", path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode open(int port, String filter) throws Exception {
        HttpResponse<String> response = get(port, "/api/obligations?status=open&estateId=" + estate + filter);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode list) {
        return field(list, "obligationId");
    }

    private static List<String> field(JsonNode list, String name) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(o -> o.get(name).isNull() ? "null" : o.get(name).asText())
                .toList();
    }
}
