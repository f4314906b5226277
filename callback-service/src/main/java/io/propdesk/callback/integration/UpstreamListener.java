package io.propdesk.callback.integration;

import io.propdesk.callback.domain.CloseLedger;
import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.NoteOrderCancelled;
import io.propdesk.callback.domain.NoteOrderCompleted;
import io.propdesk.callback.domain.NoteOrderDispatched;
import io.propdesk.callback.domain.NoteOrderReturned;
import io.propdesk.callback.domain.NoteQuoteAccepted;
import io.propdesk.callback.domain.NoteReworkReport;
import io.propdesk.callback.domain.NoteWorkStarted;
import io.propdesk.callback.domain.OpenLedger;
import io.propdesk.callback.domain.ReopenLedger;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.ReworkProgressReported;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.kafka.EarlierEventNotHandledException;
import io.propdesk.platform.kafka.InboundEvents;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns the other services' events into ledger commands: tickets open, close and reopen the follow-up (R3, R4, C1,
 * C3); orders and quotes open and settle R5-R9 and schedule callbacks (H5). Every handler is idempotent by the
 * ledger's own keys, on top of the inbox's dedupe. An event of a ticket whose TicketOpened has not been handled yet
 * waits for it (ticket-service publishes TicketOpened before any order can exist, but on another topic, so after a
 * restart or a rebalance the order can be read first).
 */
@Component
public class UpstreamListener {

    public static final String GROUP = "callback-service.ledger";

    private final InboundEvents inbound;
    private final LedgerDesk desk;
    private final EstateCalendars estates;

    public UpstreamListener(InboundEvents inbound, LedgerDesk desk, EstateCalendars estates) {
        this.inbound = inbound;
        this.desk = desk;
        this.estates = estates;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = GROUP, batch = "true")
    public void onTicketEvent(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked
        inbound.handle(
                poll,
                Set.of(EstateConfigured.class, TicketOpened.class, TicketClosed.class, TicketReopened.class),
                event -> {
                    Object data = event.data();
                    if (data instanceof EstateConfigured estate) {
                        // The same calendar our due times use, remembered here too so a ticket right after is computed
                        // on it.
                        estates.remember(estate);
                        // R4-R9, C2-C4: a ticket may have been clocked before this calendar reached us (the topic's
                        // partitions do not keep the estate's PUT before its tickets); put its due times on this
                        // calendar.
                        desk.reschedule(estate.estateId(), estate.configuredAt());
                    } else if (data instanceof TicketOpened o) {
                        desk.open(new OpenLedger(
                                o.ticketId(),
                                o.estateId(),
                                o.kind(),
                                o.severity(),
                                o.paid(),
                                o.acceptor(),
                                o.stewardId(),
                                o.openedAt(),
                                null,
                                o.unitId() == null ? null : o.estateId() + ":" + o.unitId(),
                                o.callerPhone(),
                                o.areaId(),
                                o.buildingId()));
                    } else if (data instanceof TicketClosed c) {
                        send(c.ticketId(), new CloseLedger(c.ticketId(), c.closedAt()));
                    } else if (data instanceof TicketReopened r) {
                        send(r.ticketId(), new ReopenLedger(r.ticketId(), r.reopenedAt()));
                    }
                });
    }

    @KafkaListener(topics = Topics.DISPATCH_EVENTS, groupId = GROUP, batch = "true")
    public void onDispatchEvent(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked
        inbound.handle(
                poll,
                Set.of(
                        OrderDispatched.class,
                        WorkStarted.class,
                        OrderCompleted.class,
                        OrderReturned.class,
                        OrderCancelled.class,
                        ReworkProgressReported.class),
                event -> {
                    Object data = event.data();
                    if (data instanceof OrderDispatched d) {
                        if (d.contractId() != null && desk.find(d.ticketId()).isEmpty()) {
                            openVisit(d);
                        }
                        send(
                                d.ticketId(),
                                new NoteOrderDispatched(
                                        d.ticketId(),
                                        d.orderId(),
                                        d.kind(),
                                        d.department(),
                                        d.paid(),
                                        d.contractId(),
                                        d.dispatchedAt()));
                    } else if (data instanceof WorkStarted w) {
                        send(
                                w.ticketId(),
                                new NoteWorkStarted(w.ticketId(), w.orderId(), w.quoteId(), event.id(), w.startedAt()));
                    } else if (data instanceof OrderCompleted c) {
                        send(
                                c.ticketId(),
                                new NoteOrderCompleted(
                                        c.ticketId(),
                                        c.orderId(),
                                        c.estateId(),
                                        c.department(),
                                        c.paid(),
                                        c.completedAt()));
                    } else if (data instanceof OrderReturned r) {
                        send(
                                r.ticketId(),
                                new NoteOrderReturned(
                                        r.ticketId(),
                                        r.orderId(),
                                        r.estateId(),
                                        r.kind(),
                                        r.department(),
                                        r.paid(),
                                        r.completedAt(),
                                        r.dueAt(),
                                        r.late(),
                                        event.id(),
                                        r.returnedAt()));
                    } else if (data instanceof OrderCancelled c) {
                        send(c.ticketId(), new NoteOrderCancelled(c.ticketId(), c.orderId(), c.cancelledAt()));
                    } else if (data instanceof ReworkProgressReported p) {
                        send(
                                p.ticketId(),
                                new NoteReworkReport(
                                        p.ticketId(), p.orderId(), p.resolved(), event.id(), p.reportedAt()));
                    }
                });
    }

    @KafkaListener(topics = Topics.BILLING_EVENTS, groupId = GROUP, batch = "true")
    public void onBillingEvent(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked
        inbound.handle(poll, Set.of(QuoteAccepted.class), event -> {
            if (event.data() instanceof QuoteAccepted a) {
                send(
                        a.ticketId(),
                        new NoteQuoteAccepted(a.ticketId(), a.orderId(), a.quoteId(), event.id(), a.acceptedAt()));
            }
        });
    }

    /**
     * H1, H5: a contract visit is its own ticket in dispatch-service, with no TicketOpened behind it; it is followed
     * up like any housekeeping order, so its ledger opens from the visit's dispatch, with the unit's steward.
     */
    private void openVisit(OrderDispatched visit) {
        String steward = estates.find(visit.estateId())
                .flatMap(estate -> estate.buildingOfUnit(visit.unitId()))
                .map(EstateConfigured.Building::stewardId)
                .orElse(null);
        desk.open(new OpenLedger(
                visit.ticketId(),
                visit.estateId(),
                visit.kind(),
                null,
                visit.paid(),
                visit.dispatchedBy(),
                steward,
                visit.dispatchedAt(),
                visit.contractId()));
    }

    private void send(String ticketId, Object command) {
        if (ticketId == null) {
            return;
        }
        if (desk.find(ticketId).isEmpty()) {
            throw new EarlierEventNotHandledException(
                    "ticket " + ticketId + " is not known yet (its TicketOpened is not handled); waiting for it");
        }
        desk.send(ticketId, command);
    }
}
