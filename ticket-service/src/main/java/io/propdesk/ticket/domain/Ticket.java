package io.propdesk.ticket.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.domain.Snapshots;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A call registered by the front desk and its lifecycle (R1, R10). */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Ticket {

    @AggregateIdentifier
    private String ticketId;

    private TicketOpened opened;
    private TicketStatus status;
    private Set<String> explainedOrders = new HashSet<>();
    private Set<String> appliedCallbacks = new HashSet<>();
    private boolean signedOff;

    protected Ticket() {}

    @CommandHandler
    public Ticket(OpenTicket cmd) {
        boolean paid = decidePaid(cmd);
        checkSeverity(cmd);
        checkServiceTime(cmd);
        apply(new TicketOpened(
                cmd.ticketId(),
                cmd.callId(),
                cmd.estateId(),
                cmd.areaId(),
                cmd.buildingId(),
                cmd.unitId(),
                cmd.kind(),
                paid,
                cmd.kind() == TicketKind.COMPLAINT ? cmd.severity() : null,
                cmd.description(),
                cmd.callerName(),
                cmd.callerPhone(),
                cmd.channel(),
                cmd.acceptor(),
                cmd.stewardId(),
                cmd.receivedAt(),
                cmd.serviceTime(),
                cmd.openedAt()));
    }

    /** R7, kinds table: a repair says paid or free; rework is free (the contractor pays); housekeeping is paid. */
    private static boolean decidePaid(OpenTicket cmd) {
        return switch (cmd.kind()) {
            case REPAIR -> {
                if (cmd.paid() == null) {
                    throw new BadRequestException("paid", "a repair must say whether it is paid or free (R7)");
                }
                yield cmd.paid();
            }
            case REWORK -> {
                if (Boolean.TRUE.equals(cmd.paid())) {
                    throw new BadRequestException("paid", "rework is free to the owner: the contractor pays (R6)");
                }
                yield false;
            }
            case COMPLAINT -> {
                if (Boolean.TRUE.equals(cmd.paid())) {
                    throw new BadRequestException("paid", "a complaint is not paid work");
                }
                yield false;
            }
            case CLEANING_MONTHLY, CLEANING_MOVE_IN, CLEANING_HOURLY, GREENING -> {
                if (Boolean.FALSE.equals(cmd.paid())) {
                    throw new BadRequestException("paid", "housekeeping is paid work (P1, H1-H4)");
                }
                yield true;
            }
        };
    }

    /** C2: a complaint is NORMAL or MAJOR, because a MAJOR one is called back by rank; other kinds have none. */
    private static void checkSeverity(OpenTicket cmd) {
        if (cmd.kind() == TicketKind.COMPLAINT && cmd.severity() == null) {
            throw new BadRequestException("severity", "a complaint must be NORMAL or MAJOR (C2)");
        }
        if (cmd.kind() != TicketKind.COMPLAINT && cmd.severity() != null) {
            throw new BadRequestException("severity", "only a complaint has a severity");
        }
    }

    /** H6: the service time is confirmed with the customer before a housekeeping order is opened. */
    private static void checkServiceTime(OpenTicket cmd) {
        if (cmd.kind().housekeeping() && cmd.serviceTime() == null) {
            throw new BadRequestException(
                    "serviceTime", "housekeeping needs the service time confirmed with the customer (H6)");
        }
        if (cmd.serviceTime() != null
                && cmd.receivedAt() != null
                && cmd.serviceTime().isBefore(cmd.receivedAt())) {
            throw new BadRequestException("serviceTime", "the confirmed service time is before the call was received");
        }
    }

    /** R11: every late order of the ticket gets its complaint-book entry; an order is explained once. */
    @CommandHandler
    public void handle(ExplainLateOrder cmd) {
        if (explainedOrders.contains(cmd.orderId())) {
            throw new RuleViolationException(
                    "R11",
                    "order " + cmd.orderId() + " of ticket " + ticketId
                            + " is already explained in the complaint book");
        }
        apply(new LateOrderExplained(ticketId, cmd.orderId(), cmd.reason(), cmd.explainedBy(), cmd.explainedAt()));
    }

    @CommandHandler
    public void handle(NoteComplaintSignOff cmd) {
        if (!signedOff) {
            apply(new ComplaintSignOffNoted(ticketId, cmd.stewardId(), cmd.signedOffAt()));
        }
    }

    /** R5/H5: a satisfied callback closes the ticket; C3: a complaint only after its steward signed off. */
    @CommandHandler
    public void handle(CloseTicket cmd) {
        if (appliedCallbacks.contains(cmd.callbackId())) {
            return;
        }
        if (opened.kind() == TicketKind.COMPLAINT && !signedOff) {
            throw new RuleViolationException(
                    "C3", "complaint " + ticketId + " cannot be closed before its steward signs off");
        }
        apply(new CallbackOutcomeNoted(ticketId, cmd.callbackId()));
        if (status != TicketStatus.CLOSED) {
            apply(new TicketClosed(ticketId, cmd.reason(), cmd.closedAt()));
        }
    }

    /** An unsatisfied callback sends the work round again. */
    @CommandHandler
    public void handle(ReopenTicket cmd) {
        if (appliedCallbacks.contains(cmd.callbackId())) {
            return;
        }
        apply(new CallbackOutcomeNoted(ticketId, cmd.callbackId()));
        apply(new TicketReopened(ticketId, cmd.reason(), cmd.reopenedAt()));
    }

    @EventSourcingHandler
    void on(ComplaintSignOffNoted event) {
        signedOff = true;
    }

    @EventSourcingHandler
    void on(CallbackOutcomeNoted event) {
        appliedCallbacks.add(event.callbackId());
    }

    @EventSourcingHandler
    void on(LateOrderExplained event) {
        explainedOrders.add(event.orderId());
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        ticketId = event.ticketId();
        opened = event;
        status = TicketStatus.OPEN;
    }

    @EventSourcingHandler
    void on(TicketClosed event) {
        status = TicketStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(TicketReopened event) {
        status = TicketStatus.REOPENED;
    }

    public TicketOpened opened() {
        return opened;
    }

    public TicketStatus status() {
        return status;
    }
}
