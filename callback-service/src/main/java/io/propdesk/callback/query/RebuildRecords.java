package io.propdesk.callback.query;

import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The records a callback-service rebuild needs to decode (issue 19 goal 4): a projection acts on a few of its topics'
 * event types, and decoding a record's JSON was most of a rebuild's time once its fold was in memory. An event of another
 * type changes nothing in the projection, live or rebuilt, so a rebuild reads the record's {@code ce_type} header and
 * leaves it undecoded.
 */
public final class RebuildRecords {

    private RebuildRecords() {}

    /**
     * False only for a record whose {@code ce_type} names a known event type outside {@code actsOn}: a record without
     * the header or of an unknown type is decoded, so it fails as it does live (a poison record, skipped).
     */
    public static boolean decode(ConsumerRecord<String, byte[]> record, Set<Class<? extends PublicEvent>> actsOn) {
        Header type = record.headers().lastHeader(CloudEventCodec.CE_TYPE);
        if (type == null || type.value() == null) {
            return true;
        }
        Optional<Class<? extends PublicEvent>> known =
                EventTypes.classOf(new String(type.value(), StandardCharsets.UTF_8));
        return known.isEmpty() || actsOn.contains(known.get());
    }
}
