package io.propdesk.dispatch.query;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.platform.testing.PolledRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Object Mother for the records the order list consumes: a repair order's lifecycle as it reaches Kafka, each event
 * in the envelope the relay gives it (source service, aggregate id, per-aggregate sequence).
 */
final class OrderLifecycles {

    static final String DISPATCH = "/dispatch-service";

    private final Map<String, Long> sequences = new HashMap<>();
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private long offset;

    /** The records so far, in the order a consumer sees them. */
    List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    /** Appends the next event of an aggregate's stream and returns its record. */
    ConsumerRecord<String, byte[]> next(String topic, String key, String aggregateId, PublicEvent event) {
        long seq = sequences.merge(topic + "|" + aggregateId, 1L, Long::sum) - 1;
        Envelope envelope = Envelope.of(
                topic + ":" + aggregateId + ":" + seq, Instant.parse("2026-12-01T02:00:00Z"), event, aggregateId, seq);
        ConsumerRecord<String, byte[]> record = record(topic, envelope);
        records.add(record);
        return record;
    }

    /** The same record delivered once more (a relay re-send or a redelivery after a crash). */
    ConsumerRecord<String, byte[]> again(ConsumerRecord<String, byte[]> earlier) {
        ConsumerRecord<String, byte[]> copy = PolledRecords.again(earlier, offset++);
        records.add(copy);
        return copy;
    }

    private ConsumerRecord<String, byte[]> record(String topic, Envelope envelope) {
        return PolledRecords.of(topic, offset++, envelope);
    }

    ConsumerRecord<String, byte[]> dispatched(String ticketId, String orderId, Instant at) {
        return next(
                Topics.DISPATCH_EVENTS,
                ticketId,
                orderId,
                new OrderDispatched(
                        ticketId,
                        orderId,
                        "sunrise",
                        "north",
                        "b1",
                        "b1-101",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        false,
                        null,
                        "kitchen tap leaking",
                        null,
                        DispatchMode.AREA_LEADER,
                        "leader-wu",
                        SlaRule.R8,
                        null,
                        "desk-chen",
                        at));
    }

    ConsumerRecord<String, byte[]> pickedUp(String ticketId, String orderId, String by, Instant at) {
        return next(
                Topics.DISPATCH_EVENTS,
                ticketId,
                orderId,
                new OrderPickedUp(ticketId, orderId, Department.ENGINEERING, by, by, at));
    }

    ConsumerRecord<String, byte[]> started(String ticketId, String orderId, Instant at) {
        return next(Topics.DISPATCH_EVENTS, ticketId, orderId, new WorkStarted(ticketId, orderId, null, "wu", at));
    }

    ConsumerRecord<String, byte[]> completed(String ticketId, String orderId, Instant at) {
        return next(
                Topics.DISPATCH_EVENTS,
                ticketId,
                orderId,
                new OrderCompleted(
                        ticketId,
                        orderId,
                        "sunrise",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        false,
                        "wu",
                        "fixed",
                        at));
    }

    ConsumerRecord<String, byte[]> returned(String ticketId, String orderId, boolean late, Instant at) {
        return next(
                Topics.DISPATCH_EVENTS,
                ticketId,
                orderId,
                new OrderReturned(
                        ticketId,
                        orderId,
                        "sunrise",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        false,
                        "wu",
                        "done",
                        at,
                        at.plusSeconds(3_600),
                        late,
                        at));
    }

    ConsumerRecord<String, byte[]> cancelled(String ticketId, String orderId, Instant at) {
        return next(
                Topics.DISPATCH_EVENTS,
                ticketId,
                orderId,
                new OrderCancelled(ticketId, orderId, Department.ENGINEERING, "quote declined", "Q-1", at));
    }

    /** Ticket-service's events: the ticket is their aggregate, so they carry the ticket's own sequence. */
    ConsumerRecord<String, byte[]> explained(String ticketId, String orderId, Instant at) {
        return next(
                Topics.TICKET_EVENTS,
                ticketId,
                ticketId,
                new LateOrderExplained(ticketId, orderId, "lift broken", "steward-li", at));
    }

    ConsumerRecord<String, byte[]> ticketEvent(String ticketId, PublicEvent event) {
        return next(Topics.TICKET_EVENTS, ticketId, ticketId, event);
    }

    ConsumerRecord<String, byte[]> closed(String ticketId, Instant at) {
        return ticketEvent(ticketId, new TicketClosed(ticketId, "done", at));
    }
}
