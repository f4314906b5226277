package io.propdesk.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Issue 13 item 7 through Kafka: the estate's calendar (EstateConfigured) reaches callback-service after a ticket
 * filed right after the estate's PUT, whose first reply window (R4) was therefore clocked on the default calendar.
 * When the calendar arrives the window is computed again on it, once, and the deadline ticker keeps to the new due
 * time.
 */
class LateEstateCalendarIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final MutableClock CLOCK = new MutableClock(local("2026-12-01T09:00"));

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

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void aTicketHandledBeforeItsEstatesCalendarIsDueOnThatCalendarOnceItArrives_R4_issue13_item7() throws Exception {
        String ticket = "TL-" + run;
        String estate = "auckland-" + run;
        Instant put = local("2026-12-01T08:59");
        Instant opened = local("2026-12-01T09:00");
        String window = ticket + ":R4:1";
        try (Upstream upstream = new Upstream(kafka);
                ConfigurableApplicationContext app = new SpringApplicationBuilder(
                                CallbackServiceApplication.class, Clocks.class)
                        .properties("spring.config.name=callback-service")
                        .initializers(new SharedInfrastructureInitializer())
                        // arguments, not default properties: callback-service.yml's server.port (8083) outranks those
                        .run("--server.port=0", "--spring.data.mongodb.database=callback_late_calendar_" + run)) {
            LedgerDesk desk = app.getBean(LedgerDesk.class);

            // the ticket is handled first: on the default calendar (Asia/Shanghai) its window is due at 13:00
            upstream.ticketOpened(ticket, estate, TicketKind.REPAIR, false, null, "steward-li", opened);
            await().atMost(Duration.ofSeconds(30)).until(() -> desk.find(ticket).isPresent());
            assertThat(window(desk, ticket, window).dueAt()).isEqualTo(local("2026-12-01T13:00"));

            // then the estate's calendar, put a minute before the ticket: Pacific/Auckland, where 09:00 in Shanghai
            // is 14:00; 3.5 working hours that Tuesday and half an hour from Wednesday 08:30 (UTC+13)
            Instant onAuckland = Instant.parse("2026-12-01T20:00:00Z");
            upstream.estate(estate, "Pacific/Auckland", put);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> window(desk, ticket, window).dueAt().equals(onAuckland));

            // the old due time passes without a breach; the new one breaches, once
            CLOCK.set(local("2026-12-01T14:00"));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> window(desk, ticket, window).status() == ObligationStatus.OPEN);
            CLOCK.set(onAuckland.plusSeconds(60));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> window(desk, ticket, window).status() == ObligationStatus.BREACHED);
            assertThat(window(desk, ticket, window).dueAt()).isEqualTo(onAuckland);

            // recorded once, as the ledger's own event, so a replay gives the same due time
            EventStorageEngine store = app.getBean(EventStorageEngine.class);
            List<Object> rescheduled = new ArrayList<>();
            store.readEvents(ticket)
                    .asStream()
                    .map(e -> e.getPayload())
                    .filter(ObligationRescheduled.class::isInstance)
                    .forEach(rescheduled::add);
            assertThat(rescheduled)
                    .singleElement()
                    .isEqualTo(new ObligationRescheduled(
                            ticket, null, window, SlaRule.R4, local("2026-12-01T13:00"), onAuckland, put));
        }
    }

    private static ObligationView window(LedgerDesk desk, String ticket, String obligationId) {
        return desk.find(ticket).orElseThrow().obligations().stream()
                .filter(o -> o.obligationId().equals(obligationId))
                .findFirst()
                .orElseThrow();
    }
}
