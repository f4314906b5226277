package io.propdesk.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.ticket.TicketClosed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The rebuild section's larger topics (issue 19 goal 4), without a system. */
class TopicCopiesTest {

    private static final String TICKET = "T-0b6f3a52-8c1d-4e7a-9f20-3d5e6a7b8c9d";
    private static final String EVENT_ID = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";

    private static ConsumerRecord<String, byte[]> closed(long offset) {
        Instant at = Instant.parse("2026-12-01T09:00:00Z");
        ProducerRecord<String, byte[]> p = CloudEventCodec.toRecord(
                Topics.TICKET_EVENTS, Envelope.of(EVENT_ID, at, new TicketClosed(TICKET, "done", at), TICKET, 3));
        ConsumerRecord<String, byte[]> c = new ConsumerRecord<>(p.topic(), 0, offset, p.key(), p.value());
        p.headers().forEach(h -> c.headers().add(h));
        return c;
    }

    @Test
    void aCopyIsTheSameHistoryOfAnotherTicket() {
        List<ConsumerRecord<String, byte[]>> all = TopicCopies.of(
                        Map.of(Topics.TICKET_EVENTS, List.of(closed(0), closed(1))), 3)
                .get(Topics.TICKET_EVENTS);

        assertThat(all).hasSize(6);
        assertThat(all).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        Envelope original = CloudEventCodec.fromRecord(all.get(0));
        Envelope copy = CloudEventCodec.fromRecord(all.get(2));
        Envelope another = CloudEventCodec.fromRecord(all.get(4));
        TicketClosed copied = (TicketClosed) copy.data();
        // the key, the subject, the aggregate and the payload name the same new ticket; the event gets a new id
        assertThat(copied.ticketId())
                .isNotEqualTo(TICKET)
                .endsWith(TICKET.substring(10))
                .startsWith("T-");
        assertThat(all.get(2).key()).isEqualTo(copied.ticketId());
        assertThat(copy.subject()).isEqualTo(copied.ticketId());
        assertThat(copy.aggregateId()).isEqualTo(copied.ticketId());
        assertThat(copy.id()).isNotEqualTo(EVENT_ID);
        assertThat(((TicketClosed) another.data()).ticketId()).isNotIn(TICKET, copied.ticketId());
        // what holds no UUID stays as it was
        assertThat(copy.sequence()).isEqualTo(original.sequence());
        assertThat(copy.time()).isEqualTo(original.time());
        assertThat(copied.reason()).isEqualTo("done");
    }

    @Test
    void oneCopyIsTheTopicAsItWasAndNoneIsRefused() {
        List<ConsumerRecord<String, byte[]>> records = List.of(closed(0));

        assertThat(TopicCopies.of(Map.of(Topics.TICKET_EVENTS, records), 1).get(Topics.TICKET_EVENTS))
                .containsExactlyElementsOf(records);
        assertThatThrownBy(() -> TopicCopies.of(Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyUuidInATextIsRenamedTheSameWayWithinACopy() {
        String text = "CB2-" + TICKET + " and " + TICKET + ", estate E-1";

        String renamed = TopicCopies.rename(text, 7);

        String ticket = renamed.substring(4, 4 + TICKET.length());
        assertThat(ticket).isNotEqualTo(TICKET);
        assertThat(renamed).isEqualTo("CB2-" + ticket + " and " + ticket + ", estate E-1");
        assertThat(TopicCopies.rename(text, 8)).isNotEqualTo(renamed);
    }
}
