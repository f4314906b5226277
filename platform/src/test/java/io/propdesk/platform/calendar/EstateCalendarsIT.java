package io.propdesk.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.CountedCommands;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Tickets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Issue 19: every service's estates listener reads every ticket event but keeps no inbox markers; the estate document
 * dedupes by the estate stream's sequence, and a poll without estate events costs no store command at all.
 */
class EstateCalendarsIT {

    private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");

    private final CountedCommands commands = new CountedCommands();
    private MongoDatabase database;
    private EstateCalendars calendars;
    private long offset;

    @BeforeEach
    void setUp() {
        database = commands.database("estates_" + UUID.randomUUID().toString().substring(0, 8));
        calendars = fresh();
        KafkaUtils.setConsumerGroupId("svc.estates");
    }

    @AfterEach
    void tearDown() {
        KafkaUtils.clearConsumerGroupId();
        commands.close();
    }

    private EstateCalendars fresh() {
        return new EstateCalendars(
                database, new InboundEvents(database, new SimpleMeterRegistry(), TraceContexts.none()));
    }

    private static EstateConfigured estate(String estateId, String zone, Instant at) {
        return new EstateConfigured(
                estateId,
                "Sunrise Garden",
                zone,
                LocalTime.of(8, 30),
                LocalTime.of(17, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(),
                List.of(),
                List.of(),
                2,
                at);
    }

    private ConsumerRecord<String, byte[]> record(Envelope envelope) {
        return PolledRecords.of(Topics.TICKET_EVENTS, offset++, envelope);
    }

    private ConsumerRecord<String, byte[]> configured(String estateId, String zone, long sequence) {
        return configured("ce-" + estateId + "-" + sequence, estateId, zone, sequence);
    }

    private ConsumerRecord<String, byte[]> configured(String ceId, String estateId, String zone, long sequence) {
        return record(Envelope.of(ceId, T0, estate(estateId, zone, T0.plusSeconds(sequence)), estateId, sequence));
    }

    private ConsumerRecord<String, byte[]> ticketClosed(String ticketId, long sequence) {
        return record(Envelope.of(
                UUID.randomUUID().toString(),
                T0,
                Tickets.closedAt(ticketId, sequence).getPayload(),
                ticketId,
                sequence));
    }

    private Document stored(String estateId) {
        return database.getCollection(EstateCalendars.COLLECTION)
                .find(new Document("_id", estateId))
                .first();
    }

    @Test
    void aRedeliveredOlderEstateConfiguredDoesNotOverwriteANewerOne_issue19() {
        calendars.on(List.of(configured("e-1", "Asia/Shanghai", 0)));
        calendars.on(List.of(configured("e-1", "Europe/London", 1)));
        calendars.on(List.of(configured("e-1", "Asia/Shanghai", 0))); // re-delivered after the newer one

        assertThat(stored("e-1").get("seq", Number.class).longValue()).isEqualTo(1);
        assertThat(fresh().calendar("e-1").zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(calendars.calendar("e-1").zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(commands.count("inbox", "update")).as("no inbox markers").isZero();
    }

    @Test
    void withinOnePollTheNewestEstateEventWinsInOneWrite_issue19() {
        commands.reset();
        calendars.on(List.of(
                configured("e-2", "Europe/London", 3),
                configured("e-2", "Asia/Shanghai", 2),
                configured("e-3", "Asia/Tokyo", 0)));

        assertThat(commands.writes()).isEqualTo(java.util.Map.of("estates insert", 1L));
        assertThat(fresh().calendar("e-2").zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(fresh().calendar("e-3").zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));

        commands.reset();
        calendars.on(List.of(configured("e-2", "Europe/London", 3))); // the same event again
        assertThat(commands.writes()).as("a re-delivery writes nothing").isEmpty();
    }

    @Test
    void aPollWithoutEstateEventsCostsNoStoreCommand_issue19() {
        commands.reset();
        calendars.on(List.of(ticketClosed("T-1", 1), ticketClosed("T-2", 4), ticketClosed("T-1", 2)));

        assertThat(commands.all()).as("no read, no write, no marker").isEmpty();
    }

    @Test
    void anEventWithoutASequenceIsAppliedOnceByItsId_issue19() {
        ConsumerRecord<String, byte[]> unsequenced =
                record(Envelope.of("ce-plain", T0, estate("e-4", "Asia/Tokyo", T0)));
        calendars.on(List.of(unsequenced));
        commands.reset();
        calendars.on(List.of(unsequenced));

        assertThat(commands.writes()).isEmpty();
        assertThat(fresh().calendar("e-4").zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }
}
