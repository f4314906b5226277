package io.propdesk.contracts.cloudevents;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.propdesk.contracts.EventType;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.PublicEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Public events on Kafka as CloudEvents 1.0 in binary mode: the attributes travel as {@code ce_*}
 * headers and the record's value is the event itself as JSON, so consumers that know nothing of
 * CloudEvents still read plain JSON.
 *
 * <p>Every producer and consumer uses this one codec and its {@link #mapper()}, so that all services
 * agree on the wire: ISO-8601 UTC instants, {@code yyyy-MM} months, decimals as strings, null
 * components left out, and unknown JSON properties ignored so that additive changes never break an
 * older consumer.
 */
public final class CloudEventCodec {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE_JSON = "application/json";

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SUBJECT = "ce_subject";
    /** Extension: the aggregate whose stream the event was appended to. */
    public static final String CE_AGGREGATEID = "ce_aggregateid";
    /** Extension: the event's position in its aggregate's stream, for consumer dedupe. */
    public static final String CE_SEQUENCE = "ce_sequence";

    public static final String CONTENT_TYPE = "content-type";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private CloudEventCodec() {}

    /**
     * One CloudEvent. {@code aggregateId} and {@code sequence} are the PropDesk extension attributes:
     * absent when {@code aggregateId} is null and {@code sequence} is {@link #NO_SEQUENCE}.
     */
    public record Envelope(
            String id,
            String type,
            String source,
            Instant time,
            String subject,
            String aggregateId,
            long sequence,
            Object data) {

        public static final long NO_SEQUENCE = -1;

        /** The envelope of a registered event: type and source from {@link EventTypes}, subject from the event. */
        public static Envelope of(String id, Instant time, PublicEvent event, String aggregateId, long sequence) {
            EventType type = EventTypes.of(event.getClass());
            return new Envelope(id, type.type(), type.source(), time, event.subject(), aggregateId, sequence, event);
        }

        public static Envelope of(String id, Instant time, PublicEvent event) {
            return of(id, time, event, null, NO_SEQUENCE);
        }

        public <T> T dataAs(Class<T> type) {
            return type.cast(data);
        }
    }

    /**
     * The shared, fully configured mapper. Do not reconfigure it: every service relies on the same
     * wire format; use {@code mapper().copy()} for local variations.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The Kafka record of an event: key = subject, so one ticket's events stay on one partition, in order. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, Envelope e) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(e, "envelope");
        require(e.id(), "id");
        require(e.type(), "type");
        require(e.source(), "source");
        Objects.requireNonNull(e.data(), "data");
        if (e.data() instanceof PublicEvent) {
            EventTypes.find(e.type())
                    .filter(t -> t.eventClass() != e.data().getClass())
                    .ifPresent(t -> {
                        throw new IllegalArgumentException("type " + e.type() + " is registered for "
                                + t.eventClass().getSimpleName() + " but the data is a "
                                + e.data().getClass().getSimpleName());
                    });
        }
        Headers headers = new RecordHeaders();
        put(headers, CE_SPECVERSION, SPEC_VERSION);
        put(headers, CE_ID, e.id());
        put(headers, CE_TYPE, e.type());
        put(headers, CE_SOURCE, e.source());
        if (e.time() != null) {
            put(headers, CE_TIME, DateTimeFormatter.ISO_INSTANT.format(e.time()));
        }
        if (e.subject() != null) {
            put(headers, CE_SUBJECT, e.subject());
        }
        put(headers, CONTENT_TYPE, CONTENT_TYPE_JSON);
        if (e.aggregateId() != null) {
            put(headers, CE_AGGREGATEID, e.aggregateId());
        }
        if (e.sequence() >= 0) {
            put(headers, CE_SEQUENCE, Long.toString(e.sequence()));
        }
        return new ProducerRecord<>(topic, null, e.subject(), toJson(e.data()), headers);
    }

    /**
     * Reads a CloudEvent back into its event record.
     *
     * @throws UnknownEventTypeException     for a type {@link EventTypes} does not know
     * @throws MalformedCloudEventException for a missing or invalid header or an unreadable value,
     *                                      naming the culprit
     */
    public static Envelope fromRecord(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String specVersion = required(headers, CE_SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedCloudEventException(
                    CE_SPECVERSION,
                    "header " + CE_SPECVERSION + " is '" + specVersion + "', only CloudEvents " + SPEC_VERSION
                            + " is supported");
        }
        String id = required(headers, CE_ID);
        String type = required(headers, CE_TYPE);
        String source = required(headers, CE_SOURCE);
        Instant time =
                optional(headers, CE_TIME).map(CloudEventCodec::parseTime).orElse(null);
        String subject = optional(headers, CE_SUBJECT).orElse(record.key());
        String aggregateId = optional(headers, CE_AGGREGATEID).orElse(null);
        long sequence = optional(headers, CE_SEQUENCE)
                .map(CloudEventCodec::parseSequence)
                .orElse(Envelope.NO_SEQUENCE);
        optional(headers, CONTENT_TYPE).ifPresent(contentType -> {
            if (!contentType.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE_JSON)) {
                throw new MalformedCloudEventException(
                        CONTENT_TYPE,
                        "header " + CONTENT_TYPE + " is '" + contentType + "', expected " + CONTENT_TYPE_JSON);
            }
        });
        Class<? extends PublicEvent> eventClass =
                EventTypes.classOf(type).orElseThrow(() -> new UnknownEventTypeException(type));
        if (record.value() == null || record.value().length == 0) {
            throw new MalformedCloudEventException(
                    "value", "CloudEvent " + id + " of type " + type + " has an empty value");
        }
        Object data;
        try {
            data = MAPPER.readValue(record.value(), eventClass);
        } catch (IOException | RuntimeException ex) {
            throw new MalformedCloudEventException(
                    "value", "value of CloudEvent " + id + " is not a valid " + type + ": " + ex.getMessage(), ex);
        }
        return new Envelope(id, type, source, time, subject, aggregateId, sequence, data);
    }

    public static byte[] toJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
        }
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read JSON as " + type.getSimpleName() + ": " + ex.getMessage(), ex);
        }
    }

    private static void require(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + attribute + "' is required");
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        return optional(headers, name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new MalformedCloudEventException(
                        name, "required CloudEvent header " + name + " is missing or empty"));
    }

    private static Instant parseTime(String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException ex) {
            throw new MalformedCloudEventException(
                    CE_TIME,
                    "header " + CE_TIME + " is '" + value + "', not an RFC 3339 timestamp like 2026-11-03T08:30:00Z",
                    ex);
        }
    }

    private static long parseSequence(String value) {
        try {
            long sequence = Long.parseLong(value.trim());
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new MalformedCloudEventException(
                CE_SEQUENCE, "header " + CE_SEQUENCE + " is '" + value + "', not a non-negative decimal number");
    }
}
