package io.propdesk.platform.testing;

import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/** Records as a listener receives them in a poll, without a broker: what the relay publishes, at a chosen offset. */
public final class PolledRecords {

    private PolledRecords() {}

    /** The envelope as the relay publishes it on {@code topic}, polled from partition 0 at {@code offset}. */
    public static ConsumerRecord<String, byte[]> of(String topic, long offset, Envelope envelope) {
        ProducerRecord<String, byte[]> p = CloudEventCodec.toRecord(topic, envelope);
        return polled(topic, offset, p.key(), p.value(), p.headers());
    }

    /** The same record delivered once more at a later offset (a relay re-send, or a redelivery after a crash). */
    public static ConsumerRecord<String, byte[]> again(ConsumerRecord<String, byte[]> earlier, long offset) {
        return polled(earlier.topic(), offset, earlier.key(), earlier.value(), earlier.headers());
    }

    private static ConsumerRecord<String, byte[]> polled(
            String topic, long offset, String key, byte[] value, Headers headers) {
        return new ConsumerRecord<>(
                topic, 0, offset, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, headers, Optional.empty());
    }
}
