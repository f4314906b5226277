package io.propdesk.callback;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.platform.relay.Relays;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Plays ticket-service, dispatch-service and billing-service in integration tests: publishes their events onto their
 * topics as their relays would (CloudEvents keyed by ticket, with per-aggregate sequences).
 */
public final class Upstream implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();

    public Upstream(String bootstrapServers) {
        this.producer = Relays.producer(bootstrapServers);
    }

    private void publish(String topic, String aggregateId, PublicEvent event, Instant time) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        try {
            producer.send(CloudEventCodec.toRecord(
                            topic, Envelope.of(UUID.randomUUID().toString(), time, event, aggregateId, sequence)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asia/Shanghai, 08:30-17:30, Monday to Friday, 2 paid-return hours. */
    public void estate(String estateId, Instant at) {
        estate(estateId, "Asia/Shanghai", at);
    }

    /** The estate's calendar in the given zone, 08:30-17:30, Monday to Friday, 2 paid-return hours, put at {@code at}. */
    public void estate(String estateId, String timeZone, Instant at) {
        publish(
                Topics.TICKET_EVENTS,
                estateId,
                new EstateConfigured(
                        estateId,
                        "Sunrise Garden",
                        timeZone,
                        LocalTime.of(8, 30),
                        LocalTime.of(17, 30),
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        List.of(),
                        List.of(),
                        List.of(),
                        2,
                        at),
                at);
    }

    public void ticketOpened(
            String ticketId,
            String estateId,
            TicketKind kind,
            boolean paid,
            Severity severity,
            String stewardId,
            Instant at) {
        publish(
                Topics.TICKET_EVENTS,
                ticketId,
                new TicketOpened(
                        ticketId,
                        "call-" + ticketId,
                        estateId,
                        "north",
                        "b1",
                        "b1-101",
                        kind,
                        paid,
                        severity,
                        "described",
                        "Wang",
                        "13800000000",
                        Channel.PHONE,
                        "desk-chen",
                        stewardId,
                        at,
                        null,
                        at),
                at);
    }

    /** A ticket whose call was received at {@code receivedAt}, its service confirmed for {@code serviceTime}. */
    public void ticketOpened(
            String ticketId, String estateId, TicketKind kind, Instant receivedAt, Instant serviceTime, Instant at) {
        publish(
                Topics.TICKET_EVENTS,
                ticketId,
                new TicketOpened(
                        ticketId,
                        "call-" + ticketId,
                        estateId,
                        "north",
                        "b1",
                        "b1-101",
                        kind,
                        false,
                        null,
                        "described",
                        "Wang",
                        "13800000000",
                        Channel.PHONE,
                        "desk-chen",
                        "steward-li",
                        receivedAt,
                        serviceTime,
                        at),
                at);
    }

    public void ticketClosed(String ticketId, Instant at) {
        publish(Topics.TICKET_EVENTS, ticketId, new TicketClosed(ticketId, "owner satisfied", at), at);
    }

    public void dispatched(String ticketId, String orderId, String estateId, boolean paid, Instant at) {
        publish(
                Topics.DISPATCH_EVENTS,
                orderId,
                new OrderDispatched(
                        ticketId,
                        orderId,
                        estateId,
                        "north",
                        "b1",
                        "b1-101",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        paid,
                        null,
                        "fix it",
                        null,
                        DispatchMode.AREA_LEADER,
                        "leader-zhang",
                        paid ? SlaRule.R8 : SlaRule.R9,
                        null,
                        "desk-chen",
                        at),
                at);
    }

    public void quoteAccepted(String ticketId, String orderId, String quoteId, Instant at) {
        publish(
                Topics.BILLING_EVENTS,
                quoteId,
                new QuoteAccepted(ticketId, quoteId, orderId, "steward", at, "steward", "unit"),
                at);
    }

    public void workStarted(String ticketId, String orderId, String quoteId, Instant at) {
        publish(Topics.DISPATCH_EVENTS, orderId, new WorkStarted(ticketId, orderId, quoteId, "fitter-wang", at), at);
    }

    public void completed(String ticketId, String orderId, String estateId, boolean paid, Instant at) {
        publish(
                Topics.DISPATCH_EVENTS,
                orderId,
                new OrderCompleted(
                        ticketId,
                        orderId,
                        estateId,
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        paid,
                        "fitter-wang",
                        "fixed",
                        at),
                at);
    }

    public void returned(
            String ticketId,
            String orderId,
            String estateId,
            boolean paid,
            Instant completedAt,
            Instant dueAt,
            Instant at) {
        publish(
                Topics.DISPATCH_EVENTS,
                orderId,
                new OrderReturned(
                        ticketId,
                        orderId,
                        estateId,
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        paid,
                        "leader-zhang",
                        "slip back",
                        completedAt,
                        dueAt,
                        at.isAfter(dueAt),
                        at),
                at);
    }

    /** A call log event (CallStarted, CallAnswered, CallEnded, CallLinked) as ticket-service publishes it, by call. */
    public void call(PublicEvent event, Instant at) {
        publish(Topics.TICKET_EVENTS, event.subject(), event, at);
    }

    @Override
    public void close() {
        producer.close();
    }
}
