package io.propdesk.contracts.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.contracts.EventType;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SampleEvents;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CloudEventCodecTest {

    private static final Instant TIME = Instant.parse("2026-11-03T01:30:00.123Z");

    static Stream<EventType> eventTypes() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void roundTripsEveryEventTypeThroughKafkaBinaryMode(EventType type) throws IOException {
        PublicEvent event = SampleEvents.of(type.eventClass());

        ProducerRecord<String, byte[]> produced =
                CloudEventCodec.toRecord(type.topic(), Envelope.of("evt-1", TIME, event, "agg-1", 7));

        assertThat(produced.topic()).isEqualTo(type.topic());
        assertThat(produced.key()).isEqualTo(event.subject()).isNotNull();
        assertThat(header(produced, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(produced, "ce_id")).isEqualTo("evt-1");
        assertThat(header(produced, "ce_type")).isEqualTo(type.type());
        assertThat(header(produced, "ce_source")).isEqualTo(type.source());
        assertThat(header(produced, "ce_time")).isEqualTo("2026-11-03T01:30:00.123Z");
        assertThat(header(produced, "ce_subject")).isEqualTo(event.subject());
        assertThat(header(produced, "content-type")).isEqualTo("application/json");
        assertThat(header(produced, "ce_aggregateid")).isEqualTo("agg-1");
        assertThat(header(produced, "ce_sequence")).isEqualTo("7");
        assertThat(CloudEventCodec.mapper().readTree(produced.value()))
                .isEqualTo(CloudEventCodec.mapper().valueToTree(event));

        Envelope consumed = CloudEventCodec.fromRecord(consumed(produced));

        assertThat(consumed)
                .isEqualTo(new Envelope("evt-1", type.type(), type.source(), TIME, event.subject(), "agg-1", 7, event));
        assertThat(consumed.dataAs(type.eventClass())).isEqualTo(event);
    }

    @Test
    void leavesExtensionAttributesOutWhenAbsent() {
        ProducerRecord<String, byte[]> produced =
                CloudEventCodec.toRecord(Topics.TICKET_EVENTS, Envelope.of("evt-2", TIME, SampleEvents.ticketOpened()));

        assertThat(produced.headers().lastHeader("ce_aggregateid")).isNull();
        assertThat(produced.headers().lastHeader("ce_sequence")).isNull();
        Envelope consumed = CloudEventCodec.fromRecord(consumed(produced));
        assertThat(consumed.aggregateId()).isNull();
        assertThat(consumed.sequence()).isEqualTo(Envelope.NO_SEQUENCE);
    }

    @Test
    void writesTheWireFormatOfTheArchitecture() throws IOException {
        JsonNode opened = CloudEventCodec.mapper().readTree(CloudEventCodec.toJson(SampleEvents.ticketOpened()));
        JsonNode closed = CloudEventCodec.mapper().readTree(CloudEventCodec.toJson(SampleEvents.of(MonthClosed.class)));
        JsonNode estate = CloudEventCodec.mapper().readTree(CloudEventCodec.toJson(SampleEvents.estateConfigured()));

        assertThat(opened.get("openedAt").asText()).isEqualTo("2026-11-03T01:30:00Z");
        assertThat(opened.get("kind").asText()).isEqualTo("COMPLAINT");
        assertThat(opened.get("paid").isBoolean()).isTrue();
        assertThat(closed.get("month").asText()).isEqualTo("2026-11");
        assertThat(estate.get("workdayStart").asText()).isEqualTo("08:30:00");
        assertThat(estate.get("holidays").get(0).asText()).isEqualTo("2026-10-01");
        assertThat(estate.get("workingDays"))
                .hasSize(5)
                .first()
                .extracting(JsonNode::asText)
                .isEqualTo("MONDAY");
        assertThat(opened.has("subject")).as("helper methods are not data").isFalse();
    }

    @Test
    void leavesNullComponentsOutAndReadsThemBackAsNull() {
        TicketClosed closed = new TicketClosed("T-1", null, TIME);

        String json = new String(CloudEventCodec.toJson(closed), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"ticketId\":\"T-1\",\"closedAt\":\"2026-11-03T01:30:00.123Z\"}");
        assertThat(CloudEventCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), TicketClosed.class))
                .isEqualTo(closed);
    }

    @Test
    void ignoresPropertiesAddedByANewerProducer() {
        byte[] json =
                "{\"ticketId\":\"T-1\",\"reason\":\"done\",\"closedAt\":\"2026-11-03T01:30:00Z\",\"closedBy\":\"F-2\"}"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(CloudEventCodec.fromJson(json, TicketClosed.class))
                .isEqualTo(new TicketClosed("T-1", "done", Instant.parse("2026-11-03T01:30:00Z")));
    }

    @Test
    void acceptsTimesWithAnOffsetFromForeignProducers() {
        ConsumerRecord<String, byte[]> record = validRecord();
        record.headers().remove("ce_time").add("ce_time", bytes("2026-11-03T09:30:00+08:00"));

        assertThat(CloudEventCodec.fromRecord(record).time()).isEqualTo(Instant.parse("2026-11-03T01:30:00Z"));
    }

    @Test
    void rejectsARecordWithoutCeTypeNamingTheHeader() {
        ConsumerRecord<String, byte[]> record = validRecord();
        record.headers().remove("ce_type");

        assertThatThrownBy(() -> CloudEventCodec.fromRecord(record))
                .isInstanceOf(MalformedCloudEventException.class)
                .hasMessageContaining("ce_type")
                .extracting(e -> ((MalformedCloudEventException) e).attribute())
                .isEqualTo("ce_type");
    }

    @Test
    void rejectsEveryMissingRequiredHeaderByName() {
        for (String name : new String[] {"ce_specversion", "ce_id", "ce_type", "ce_source"}) {
            ConsumerRecord<String, byte[]> record = validRecord();
            record.headers().remove(name);

            assertThatThrownBy(() -> CloudEventCodec.fromRecord(record))
                    .isInstanceOf(MalformedCloudEventException.class)
                    .hasMessageContaining(name);
        }
    }

    @Test
    void rejectsInvalidHeaderValuesByName() {
        assertRejected("ce_specversion", "0.3");
        assertRejected("ce_time", "yesterday");
        assertRejected("ce_sequence", "seven");
        assertRejected("ce_sequence", "-2");
        assertRejected("content-type", "application/avro");
    }

    @Test
    void rejectsAnUnknownTypeWithItsOwnException() {
        ConsumerRecord<String, byte[]> record = validRecord();
        record.headers().remove("ce_type").add("ce_type", bytes("propdesk.ticket.TicketExploded.v1"));

        assertThatThrownBy(() -> CloudEventCodec.fromRecord(record))
                .isInstanceOf(UnknownEventTypeException.class)
                .isInstanceOf(MalformedCloudEventException.class)
                .hasMessageContaining("propdesk.ticket.TicketExploded.v1")
                .extracting(e -> ((UnknownEventTypeException) e).type())
                .isEqualTo("propdesk.ticket.TicketExploded.v1");
    }

    @Test
    void rejectsAnEmptyOrUnreadableValue() {
        ProducerRecord<String, byte[]> produced =
                CloudEventCodec.toRecord(Topics.TICKET_EVENTS, Envelope.of("evt-3", TIME, SampleEvents.ticketOpened()));

        for (byte[] value : new byte[][] {null, new byte[0], bytes("{not json"), bytes("{\"kind\":\"SPACESHIP\"}")}) {
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(produced.topic(), 0, 0, produced.key(), value);
            produced.headers().forEach(record.headers()::add);

            assertThatThrownBy(() -> CloudEventCodec.fromRecord(record))
                    .isInstanceOf(MalformedCloudEventException.class)
                    .extracting(e -> ((MalformedCloudEventException) e).attribute())
                    .isEqualTo("value");
        }
    }

    @Test
    void fallsBackToTheRecordKeyWhenCeSubjectIsAbsent() {
        ConsumerRecord<String, byte[]> record = validRecord();
        record.headers().remove("ce_subject");

        assertThat(CloudEventCodec.fromRecord(record).subject()).isEqualTo(SampleEvents.TICKET);
    }

    @Test
    void refusesToProduceDataUnderAnotherEventsType() {
        Envelope mislabelled = new Envelope(
                "evt-4",
                EventTypes.typeOf(TicketOpened.class),
                "/ticket-service",
                TIME,
                "E-1",
                null,
                -1,
                SampleEvents.of(EstateConfigured.class));

        assertThatThrownBy(() -> CloudEventCodec.toRecord(Topics.TICKET_EVENTS, mislabelled))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TicketOpened");
    }

    private static void assertRejected(String header, String value) {
        ConsumerRecord<String, byte[]> record = validRecord();
        record.headers().remove(header).add(header, bytes(value));

        assertThatThrownBy(() -> CloudEventCodec.fromRecord(record))
                .as("%s=%s", header, value)
                .isInstanceOf(MalformedCloudEventException.class)
                .hasMessageContaining(header)
                .extracting(e -> ((MalformedCloudEventException) e).attribute())
                .isEqualTo(header);
    }

    private static ConsumerRecord<String, byte[]> validRecord() {
        return consumed(CloudEventCodec.toRecord(
                Topics.TICKET_EVENTS, Envelope.of("evt-5", TIME, SampleEvents.ticketOpened(), SampleEvents.TICKET, 0)));
    }

    /** What a consumer receives for a produced record: same key, value and headers. */
    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>(produced.topic(), 0, 42L, produced.key(), produced.value());
        for (Header header : produced.headers()) {
            record.headers().add(header);
        }
        return record;
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
