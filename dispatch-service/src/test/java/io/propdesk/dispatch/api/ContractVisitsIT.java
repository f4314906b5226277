package io.propdesk.dispatch.api;

import static io.propdesk.dispatch.api.DispatchApi.json;
import static io.propdesk.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.dispatch.ContractVisitScheduled;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.dispatch.DispatchServiceApplication;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.TopicReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A monthly contract opens exactly the visits of its horizon, and a restarted application on the same database opens
 * the next ones without repeating any (H1, H6). Tuesdays and Fridays 10:00 Asia/Shanghai, signed Tuesday 2026-12-01
 * 09:00 local, horizon 7 days.
 */
class ContractVisitsIT {

    static final MutableClock CLOCK = MutableClock.at("2026-12-01T01:00:00Z");

    @Configuration
    static class TestClock {
        @Bean
        Clock testClock() {
            return CLOCK;
        }
    }

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private final String database =
            "dispatch_visits_it_" + UUID.randomUUID().toString().substring(0, 8);

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DispatchServiceApplication.class, TestClock.class)
                .initializers(new SharedInfrastructureInitializer())
                .properties("spring.config.name=dispatch-service")
                // As arguments, so they win over dispatch-service.yml; builder properties are only defaults.
                // Its own consumer groups through the deployment prefix (the groups are dispatch-service.<purpose>).
                .run(
                        "--spring.data.mongodb.database=" + database,
                        "--propdesk.kafka.group-prefix=visits-it.",
                        "--server.port=0",
                        "--propdesk.dispatch.visit-scan-interval=300ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * The relay delivers at least once (a restarted relay may publish again what it published shortly before), so
     * events are counted once per CloudEvent id, as every consumer dedupes them; a visit opened twice would be two
     * events with two ids.
     */
    private static List<ConsumerRecord<String, byte[]>> once(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> seen = new HashSet<>();
        return records.stream().filter(r -> seen.add(header(r, "ce_id"))).toList();
    }

    private static List<String> visits(List<ConsumerRecord<String, byte[]>> records, String contractId) {
        return once(records).stream()
                .filter(r -> EventTypes.typeOf(ContractVisitScheduled.class).equals(header(r, "ce_type")))
                .map(r -> CloudEventCodec.fromJson(r.value(), ContractVisitScheduled.class))
                .filter(v -> contractId.equals(v.contractId()))
                .map(ContractVisitScheduled::orderId)
                .toList();
    }

    private static List<OrderDispatched> dispatched(List<ConsumerRecord<String, byte[]>> records, String contractId) {
        return once(records).stream()
                .filter(r -> EventTypes.typeOf(OrderDispatched.class).equals(header(r, "ce_type")))
                .map(r -> CloudEventCodec.fromJson(r.value(), OrderDispatched.class))
                .filter(o -> contractId.equals(o.contractId()))
                .toList();
    }

    @Test
    void aContractOpensExactlyTheVisitsOfItsHorizonAcrossARestart_H1_H6() throws Exception {
        String estate = "estate-" + UUID.randomUUID().toString().substring(0, 8);
        String contractId;
        ConfigurableApplicationContext first = start();
        try (DispatchApi api = new DispatchApi(kafka, port(first))) {
            api.publish(Topics.TICKET_EVENTS, DispatchEvents.estate(estate, CLOCK.instant()), CLOCK.instant());
            EstateCalendars estates = first.getBean(EstateCalendars.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> estates.find(estate).isPresent());
            assertThat(api.send(
                                    "PUT",
                                    "/api/teams/CLEANING/north",
                                    "{\"teamLeader\":\"leader-wu\",\"dispatcher\":\"dispatcher-he\"}")
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> signed = api.post("/api/contracts", """
                    {"estateId":"%s","unitId":"b1-101","kind":"CLEANING_MONTHLY","startDate":"2026-12-01",
                     "visitDays":["TUESDAY","FRIDAY"],"visitTime":"10:00",
                     "monthlyFee":{"amount":"800","currency":"CNY"},"priceListVersion":3,
                     "stewardId":"steward-li","pricedBy":"leader-wu"}""".formatted(estate));
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
            contractId = json(signed).get("contractId").asText();
            assertThat(json(signed).get("monthlyFee").get("amount").asText()).isEqualTo("800.00");

            try (TopicReader reader = new TopicReader(kafka, Topics.DISPATCH_EVENTS)) {
                reader.readUntil(rs -> visits(rs, contractId).size() >= 2, Duration.ofSeconds(60));
                List<ConsumerRecord<String, byte[]>> all =
                        reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(30));
                assertThat(visits(all, contractId))
                        .containsExactlyInAnyOrder(
                                "WO-VISIT-" + contractId + "-2026-12-01", "WO-VISIT-" + contractId + "-2026-12-04");
                List<OrderDispatched> orders = dispatched(all, contractId);
                assertThat(orders).hasSize(2).allSatisfy(o -> {
                    assertThat(o.mode()).isEqualTo(DispatchMode.CONTRACT_DISPATCHER);
                    assertThat(o.assignee()).isEqualTo("dispatcher-he");
                    assertThat(o.areaId()).isEqualTo("north");
                });
                assertThat(orders)
                        .extracting(OrderDispatched::serviceTime)
                        .containsExactlyInAnyOrder(
                                Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-04T02:00:00Z"));
            }
        } finally {
            first.close();
        }

        CLOCK.advance(Duration.ofDays(7));
        ConfigurableApplicationContext second = start();
        try (DispatchApi api = new DispatchApi(kafka, port(second))) {
            try (TopicReader reader = new TopicReader(kafka, Topics.DISPATCH_EVENTS)) {
                reader.readUntil(rs -> visits(rs, contractId).size() >= 4, Duration.ofSeconds(60));
                List<ConsumerRecord<String, byte[]>> all =
                        reader.readUntilQuiet(Duration.ofSeconds(3), Duration.ofSeconds(30));
                assertThat(visits(all, contractId))
                        .containsExactlyInAnyOrder(
                                "WO-VISIT-" + contractId + "-2026-12-01", "WO-VISIT-" + contractId + "-2026-12-04",
                                "WO-VISIT-" + contractId + "-2026-12-08", "WO-VISIT-" + contractId + "-2026-12-11");
                assertThat(dispatched(all, contractId)).hasSize(4);
            }
            // H7: the month's register files the visits under the contract's customer.
            JsonNode register = json(api.get("/api/registers/CLEANING/2026-12"));
            assertThat(register.at("/customers/0/customerId").asText()).isEqualTo("b1-101");
            assertThat(register.at("/customers/0/orders"))
                    .hasSize(4)
                    .allSatisfy(
                            line -> assertThat(line.get("contractId").asText()).isEqualTo(contractId));
        } finally {
            second.close();
        }
    }
}
