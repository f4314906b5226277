package io.propdesk.dispatch.integration;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.dispatch.domain.OrderDesk;
import io.propdesk.dispatch.domain.RecordLateExplanation;
import io.propdesk.dispatch.domain.WorkOrderView;
import io.propdesk.dispatch.query.TicketDirectory;
import io.propdesk.platform.kafka.InboundEvents;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The front desk's tickets become work orders (R2): one per TicketOpened however often it is delivered (a complaint
 * waits for its steward, C1), a follow-up per TicketReopened, and complaint-book entries reach their orders (R11).
 */
@Component
public class TicketEventsListener {

    public static final String GROUP = "dispatch-service.orders";
    private static final Logger log = LoggerFactory.getLogger(TicketEventsListener.class);

    private final InboundEvents inbound;
    private final OrderDesk desk;
    private final TicketDirectory tickets;

    public TicketEventsListener(InboundEvents inbound, OrderDesk desk, TicketDirectory tickets) {
        this.inbound = inbound;
        this.desk = desk;
        this.tickets = tickets;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these three are acted on, so only they are marked
        inbound.handle(poll, Set.of(TicketOpened.class, TicketReopened.class, LateOrderExplained.class), event -> {
            if (event.data() instanceof TicketOpened opened) {
                opened(opened);
            } else if (event.data() instanceof TicketReopened reopened) {
                reopened(reopened);
            } else if (event.data() instanceof LateOrderExplained explained) {
                explained(explained);
            }
        });
    }

    private void opened(TicketOpened ticket) {
        Optional<Department> department = OrderDesk.firstDepartment(ticket.kind());
        if (department.isEmpty()) {
            tickets.remember(ticket);
            return; // C1: a complaint's steward routes it with POST /api/orders.
        }
        // issue 19: the ticket is remembered with its order in one write, after the order exists. Nothing reads the
        // directory while the order opens, and a failure before this write leaves the event unmarked, so it comes
        // again and finds the order the ticket's id names (R2).
        OrderDesk.Opened opened = desk.openForTicket(ticket, department.get(), ticket.acceptor());
        tickets.remember(ticket, opened.order().orderId());
    }

    private void reopened(TicketReopened reopened) {
        Optional<TicketOpened> ticket = tickets.find(reopened.ticketId());
        Optional<WorkOrderView> previous =
                tickets.lastOrderId(reopened.ticketId()).flatMap(desk::find);
        if (ticket.isEmpty() || previous.isEmpty()) {
            log.info("ticket {} reopened without an order to follow up; nothing to dispatch", reopened.ticketId());
            return;
        }
        OrderDesk.Opened opened = desk.openFollowUp(ticket.get(), previous.get(), reopened.reopenedAt());
        tickets.orderOpened(reopened.ticketId(), opened.order().orderId());
    }

    private void explained(LateOrderExplained e) {
        if (!desk.exists(e.orderId())) {
            log.info("complaint-book entry for order {} which dispatch does not know; ignored", e.orderId());
            return;
        }
        desk.send(e.orderId(), new RecordLateExplanation(e.orderId(), e.reason(), e.explainedBy(), e.explainedAt()));
    }
}
