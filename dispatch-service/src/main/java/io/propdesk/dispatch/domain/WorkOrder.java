package io.propdesk.dispatch.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.dispatch.ContractVisitScheduled;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.ReworkProgressReported;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.domain.Snapshots;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One work order from dispatch to its return to the front desk (R2, R7, R8, R9, R11), a rework's daily reports (R6),
 * a contract visit (H1, H6), and its place in a month's register, which a month close freezes (H7, H8).
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class WorkOrder {

    @AggregateIdentifier
    private String orderId;

    private OrderDispatched dispatched;
    private String month;
    private String customerId;
    private OrderStatus status;
    private String pickedUpBy;
    private String assignedTo;
    private String acceptedQuoteId;
    private Instant startedAt;
    private Instant completedAt;
    private Instant dueAt;
    private Instant returnedAt;
    private boolean late;
    private boolean explained;
    private String cancelReason;
    private Set<LocalDate> reworkReportDates = new TreeSet<>();
    private boolean reworkResolved;
    private List<HistoryEntry> history = new ArrayList<>();

    protected WorkOrder() {}

    @CommandHandler
    public WorkOrder(DispatchOrder cmd) {
        SlaRule returnRule = cmd.paid() ? SlaRule.R8 : SlaRule.R9;
        apply(new OrderDispatched(
                cmd.ticketId(),
                cmd.orderId(),
                cmd.estateId(),
                cmd.areaId(),
                cmd.buildingId(),
                cmd.unitId(),
                cmd.kind(),
                cmd.department(),
                cmd.paid(),
                cmd.contractId(),
                cmd.description(),
                cmd.serviceTime(),
                cmd.mode(),
                cmd.assignee(),
                returnRule,
                cmd.followUpOf(),
                cmd.dispatchedBy(),
                cmd.dispatchedAt()));
        apply(new OrderEnteredInRegister(cmd.orderId(), cmd.month(), cmd.customerId()));
        if (cmd.contractId() != null) {
            // H1, H6: a contract visit is entered in the month's register with its confirmed time.
            apply(new ContractVisitScheduled(
                    cmd.ticketId(),
                    cmd.contractId(),
                    cmd.orderId(),
                    cmd.customerId(),
                    cmd.department(),
                    cmd.serviceTime(),
                    null,
                    cmd.dispatchedBy(),
                    cmd.dispatchedAt()));
        }
    }

    /** R2: the first leader to pick up wins; in the other modes only the assignee picks up. */
    @CommandHandler
    public void handle(PickUpOrder cmd, ClosedMonths months) {
        checkOpen(months);
        if (status != OrderStatus.DISPATCHED) {
            throw new RuleViolationException("R2", "order " + orderId + " was already picked up by " + pickedUpBy);
        }
        if (dispatched.mode() != DispatchMode.OPEN_POOL
                && dispatched.assignee() != null
                && !dispatched.assignee().equals(cmd.pickedUpBy())) {
            throw new RuleViolationException(
                    "R2",
                    "order " + orderId + " is assigned to " + dispatched.assignee() + ", not to " + cmd.pickedUpBy());
        }
        apply(new OrderPickedUp(
                dispatched.ticketId(),
                orderId,
                dispatched.department(),
                cmd.pickedUpBy(),
                cmd.assignedTo(),
                cmd.pickedUpAt()));
    }

    @CommandHandler
    public void handle(StartWork cmd, ClosedMonths months) {
        checkOpen(months);
        if (needsQuote() && acceptedQuoteId == null) {
            throw new RuleViolationException(
                    "R7",
                    "order " + orderId
                            + " is paid and its quote is not accepted yet; work may start once the owner accepts it");
        }
        if (status != OrderStatus.PICKED_UP) {
            throw new RuleViolationException(
                    "R2", "order " + orderId + " is " + status + "; work starts once the order has been picked up");
        }
        apply(new WorkStarted(
                dispatched.ticketId(),
                orderId,
                needsQuote() ? acceptedQuoteId : null,
                cmd.startedBy(),
                cmd.startedAt()));
    }

    @CommandHandler
    public void handle(CompleteOrder cmd, ClosedMonths months) {
        checkOpen(months);
        if (status != OrderStatus.STARTED) {
            throw new RuleViolationException(
                    "R2", "order " + orderId + " is " + status + "; only started work can be completed");
        }
        apply(new OrderCompleted(
                dispatched.ticketId(),
                orderId,
                dispatched.estateId(),
                dispatched.kind(),
                dispatched.department(),
                dispatched.paid(),
                cmd.completedBy(),
                cmd.result(),
                cmd.completedAt()));
    }

    /** R8 / R9: the return is late when it comes after the due time the estate's settings give. */
    @CommandHandler
    public void handle(ReturnOrder cmd, ClosedMonths months, ReturnDeadlines deadlines) {
        checkOpen(months);
        if (status != OrderStatus.COMPLETED) {
            throw new RuleViolationException(
                    dispatched.returnRule().name(),
                    "order " + orderId + " is " + status + "; only a completed order goes back to the front desk");
        }
        Instant due = deadlines.dueAt(dispatched.estateId(), dispatched.paid(), completedAt);
        apply(new OrderReturned(
                dispatched.ticketId(),
                orderId,
                dispatched.estateId(),
                dispatched.kind(),
                dispatched.department(),
                dispatched.paid(),
                cmd.returnedBy(),
                cmd.note(),
                completedAt,
                due,
                cmd.returnedAt().isAfter(due),
                cmd.returnedAt()));
    }

    /** R6: one report a day from the rework liaison until the rework is closed. */
    @CommandHandler
    public void handle(ReportReworkProgress cmd, ClosedMonths months) {
        checkOpen(months);
        if (dispatched.department() != Department.REWORK_LIAISON) {
            throw new RuleViolationException(
                    "R6",
                    "order " + orderId + " goes to " + dispatched.department()
                            + "; only rework orders get rework progress reports");
        }
        if (reworkResolved) {
            throw new RuleViolationException("R6", "the rework of order " + orderId + " is closed; no further reports");
        }
        if (reworkReportDates.contains(cmd.date())) {
            throw new RuleViolationException(
                    "R6",
                    "order " + orderId + " already has its rework report for " + cmd.date() + "; one report a day");
        }
        apply(new ReworkReportFiled(orderId, cmd.date()));
        apply(new ReworkProgressReported(
                dispatched.ticketId(),
                orderId,
                cmd.reportedBy(),
                cmd.contractor(),
                cmd.progress(),
                cmd.resolved(),
                cmd.reportedAt()));
    }

    /** R7: recorded once; a re-delivered acceptance of the same quote changes nothing. */
    @CommandHandler
    public void handle(RecordQuoteAccepted cmd, ClosedMonths months) {
        if (cmd.quoteId().equals(acceptedQuoteId)) {
            return;
        }
        checkOpen(months);
        apply(new QuoteAcceptanceRecorded(orderId, cmd.quoteId(), cmd.acceptedBy(), cmd.acceptedAt()));
    }

    /** R7: a declined quote cancels the order as long as no work was done on it. */
    @CommandHandler
    public void handle(CancelOrder cmd, ClosedMonths months) {
        if (status == OrderStatus.CANCELLED) {
            return;
        }
        checkOpen(months);
        if (status != OrderStatus.DISPATCHED && status != OrderStatus.PICKED_UP) {
            throw new RuleViolationException(
                    "R7",
                    "order " + orderId + " is " + status
                            + "; work has started and the order can no longer be cancelled");
        }
        apply(new OrderCancelled(
                dispatched.ticketId(),
                orderId,
                dispatched.department(),
                cmd.reason(),
                cmd.quoteId(),
                cmd.cancelledAt()));
    }

    /** R11: the complaint book explains the order once; a re-delivery changes nothing. */
    @CommandHandler
    public void handle(RecordLateExplanation cmd, ClosedMonths months) {
        if (explained) {
            return;
        }
        checkOpen(months);
        apply(new LateExplanationRecorded(orderId, cmd.reason(), cmd.explainedBy(), cmd.explainedAt()));
    }

    /** H8: an archived month no longer changes; a cancelled order takes no further step. */
    private void checkOpen(ClosedMonths months) {
        if (months.isClosed(month)) {
            throw new RuleViolationException(
                    "H8",
                    "order " + orderId + " belongs to " + month
                            + ", which is closed and archived; it no longer changes");
        }
        if (status == OrderStatus.CANCELLED) {
            throw new RuleViolationException("R7", "order " + orderId + " was cancelled: " + cancelReason);
        }
    }

    /** R7: paid one-off work waits for its quote; a contract visit was priced when the contract was signed (H1). */
    private boolean needsQuote() {
        return dispatched.paid() && dispatched.contractId() == null;
    }

    @EventSourcingHandler
    void on(OrderDispatched e) {
        orderId = e.orderId();
        dispatched = e;
        status = OrderStatus.DISPATCHED;
        history.add(new HistoryEntry(
                "OrderDispatched",
                e.dispatchedAt(),
                e.dispatchedBy(),
                e.department() + (e.assignee() == null ? " (open pool)" : " to " + e.assignee())));
    }

    @EventSourcingHandler
    void on(OrderEnteredInRegister e) {
        month = e.month();
        customerId = e.customerId();
    }

    @EventSourcingHandler
    void on(ContractVisitScheduled e) {
        history.add(new HistoryEntry(
                "ContractVisitScheduled", e.scheduledAt(), e.scheduledBy(), "visit at " + e.serviceTime()));
    }

    @EventSourcingHandler
    void on(OrderPickedUp e) {
        status = OrderStatus.PICKED_UP;
        pickedUpBy = e.pickedUpBy();
        assignedTo = e.assignedTo();
        history.add(new HistoryEntry(
                "OrderPickedUp",
                e.pickedUpAt(),
                e.pickedUpBy(),
                e.assignedTo() == null ? null : "assigned to " + e.assignedTo()));
    }

    @EventSourcingHandler
    void on(QuoteAcceptanceRecorded e) {
        acceptedQuoteId = e.quoteId();
        history.add(new HistoryEntry("QuoteAccepted", e.acceptedAt(), e.acceptedBy(), "quote " + e.quoteId()));
    }

    @EventSourcingHandler
    void on(WorkStarted e) {
        status = OrderStatus.STARTED;
        startedAt = e.startedAt();
        history.add(new HistoryEntry("WorkStarted", e.startedAt(), e.startedBy(), null));
    }

    @EventSourcingHandler
    void on(OrderCompleted e) {
        status = OrderStatus.COMPLETED;
        completedAt = e.completedAt();
        history.add(new HistoryEntry("OrderCompleted", e.completedAt(), e.completedBy(), e.result()));
    }

    @EventSourcingHandler
    void on(OrderReturned e) {
        status = OrderStatus.RETURNED;
        returnedAt = e.returnedAt();
        dueAt = e.dueAt();
        late = e.late();
        history.add(new HistoryEntry(
                "OrderReturned",
                e.returnedAt(),
                e.returnedBy(),
                (e.late() ? "late, due " : "on time, due ") + e.dueAt()));
    }

    @EventSourcingHandler
    void on(OrderCancelled e) {
        status = OrderStatus.CANCELLED;
        cancelReason = e.reason();
        history.add(new HistoryEntry("OrderCancelled", e.cancelledAt(), null, e.reason()));
    }

    @EventSourcingHandler
    void on(LateExplanationRecorded e) {
        explained = true;
        history.add(new HistoryEntry("LateOrderExplained", e.explainedAt(), e.explainedBy(), e.reason()));
    }

    @EventSourcingHandler
    void on(ReworkReportFiled e) {
        reworkReportDates.add(e.date());
    }

    @EventSourcingHandler
    void on(ReworkProgressReported e) {
        reworkResolved = reworkResolved || e.resolved();
        history.add(new HistoryEntry(
                "ReworkProgressReported",
                e.reportedAt(),
                e.reportedBy(),
                e.progress() + (e.resolved() ? " (resolved)" : "")));
    }

    public OrderDispatched dispatched() {
        return dispatched;
    }

    public String month() {
        return month;
    }

    public String customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public String pickedUpBy() {
        return pickedUpBy;
    }

    public String assignedTo() {
        return assignedTo;
    }

    public String acceptedQuoteId() {
        return acceptedQuoteId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant returnedAt() {
        return returnedAt;
    }

    public boolean late() {
        return late;
    }

    public boolean explained() {
        return explained;
    }

    /** R11: a late order shows as unexplained until its complaint-book entry arrives. */
    public boolean lateUnexplained() {
        return late && !explained;
    }

    public Set<LocalDate> reworkReportDates() {
        return Set.copyOf(reworkReportDates);
    }

    public boolean reworkResolved() {
        return reworkResolved;
    }

    public List<HistoryEntry> history() {
        return List.copyOf(history);
    }
}
