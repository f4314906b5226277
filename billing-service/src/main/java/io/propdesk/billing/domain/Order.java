package io.propdesk.billing.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.billing.QuoteDeclined;
import io.propdesk.contracts.billing.QuoteIssued;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.domain.Snapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Billing's side of one work order: what dispatch said about it and the quotes for its paid work (R7, P2). The quotes
 * live with their order so that "one open quote per order" and "a new quote supersedes the open one" are decided in
 * one stream.
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Order {

    @AggregateIdentifier
    private String streamId;

    private OrderRecorded order;
    private Map<String, QuoteView> quotes = new LinkedHashMap<>();
    private boolean cancelled;
    private boolean completed;

    protected Order() {}

    public static String streamId(String orderId) {
        return "order:" + orderId;
    }

    /** Idempotent: a re-delivered OrderDispatched changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordOrder cmd) {
        if (order != null) {
            return;
        }
        apply(new OrderRecorded(
                cmd.orderId(),
                cmd.ticketId(),
                cmd.estateId(),
                cmd.unitId(),
                cmd.kind(),
                cmd.department(),
                cmd.paid(),
                cmd.contractId(),
                cmd.dispatchedAt()));
    }

    /** R7, P2: returns the new quote's id; an open quote of the order is superseded by it. */
    @CommandHandler
    public String handle(IssueQuote cmd) {
        if (!order.paid()) {
            throw new RuleViolationException("R7", "order " + cmd.orderId() + " is free work: it needs no quote");
        }
        if (order.contractId() != null) {
            throw new RuleViolationException(
                    "H1",
                    "order " + cmd.orderId() + " is a visit of contract " + order.contractId()
                            + ", paid by its monthly fee: it needs no quote");
        }
        if (!order.ticketId().equals(cmd.ticketId())) {
            throw new BadRequestException(
                    "ticketId",
                    "order " + cmd.orderId() + " belongs to ticket " + order.ticketId() + ", not " + cmd.ticketId());
        }
        if (order.department() != cmd.department()) {
            throw new BadRequestException(
                    "department",
                    "order " + cmd.orderId() + " went to " + order.department() + ", not " + cmd.department());
        }
        if (cmd.lines().isEmpty()) {
            throw new BadRequestException("lines", "a quote needs at least one line");
        }
        if (cancelled || completed) {
            throw new RuleViolationException(
                    "R7",
                    "order " + cmd.orderId() + " is " + (cancelled ? "cancelled" : "completed")
                            + ": it can no longer be quoted");
        }
        for (QuoteView q : quotes.values()) {
            if (q.status() == QuoteStatus.ACCEPTED || q.status() == QuoteStatus.DECLINED) {
                throw new RuleViolationException(
                        "R7",
                        "the owner has already " + q.status().name().toLowerCase() + " quote " + q.quoteId()
                                + " of order " + cmd.orderId() + "; it cannot be quoted again");
            }
        }
        String quoteId = QuoteIds.of(quotes.size() + 1, cmd.orderId());
        apply(new QuoteIssued(
                order.ticketId(),
                quoteId,
                cmd.orderId(),
                cmd.department(),
                cmd.priceListVersion(),
                cmd.lines(),
                cmd.total(),
                cmd.stewardId(),
                cmd.issuedAt()));
        apply(new QuotePricedBy(cmd.orderId(), quoteId, cmd.stewardId(), cmd.professionalId()));
        return quoteId;
    }

    /**
     * R7: accepting the open quote unblocks the paid work in dispatch-service. The customer (the unit's owner) accepts;
     * the staff member who explained the fee records it. The deprecated {@code acceptedBy} keeps carrying the staff
     * member, as it always did, for consumers that still read it.
     */
    @CommandHandler
    public void handle(AcceptQuote cmd) {
        openQuote(cmd.quoteId(), "accepted");
        apply(new QuoteAccepted(
                order.ticketId(),
                cmd.quoteId(),
                order.orderId(),
                cmd.explainedBy(),
                cmd.acceptedAt(),
                cmd.explainedBy(),
                view().customerId()));
    }

    /** R7: the paid work must not start; dispatch-service cancels the order. */
    @CommandHandler
    public void handle(DeclineQuote cmd) {
        openQuote(cmd.quoteId(), "declined");
        apply(new QuoteDeclined(order.ticketId(), cmd.quoteId(), order.orderId(), cmd.reason(), cmd.declinedAt()));
    }

    private QuoteView openQuote(String quoteId, String step) {
        QuoteView quote = quotes.get(quoteId);
        if (quote == null) {
            throw new NotFoundException("quote", quoteId);
        }
        if (quote.status() != QuoteStatus.OPEN) {
            String why = quote.status() == QuoteStatus.SUPERSEDED ? " by " + quote.reason() : "";
            throw new RuleViolationException(
                    "R7",
                    "quote " + quoteId + " is " + quote.status().name().toLowerCase() + why
                            + "; only the order's open quote can be " + step);
        }
        return quote;
    }

    /** Idempotent; the open quote, if any, is withdrawn with the order. */
    @CommandHandler
    public void handle(CancelOrder cmd) {
        if (cancelled) {
            return;
        }
        String open = quotes.values().stream()
                .filter(q -> q.status() == QuoteStatus.OPEN)
                .map(QuoteView::quoteId)
                .findFirst()
                .orElse(null);
        apply(new OrderCancellationNoted(cmd.orderId(), open, cmd.reason(), cmd.cancelledAt()));
    }

    /** Idempotent: OrderCompleted may be delivered more than once. */
    @CommandHandler
    public void handle(NoteCompletion cmd) {
        if (completed) {
            return;
        }
        apply(new OrderCompletionNoted(cmd.orderId(), cmd.completedAt()));
    }

    @EventSourcingHandler
    void on(OrderRecorded event) {
        streamId = streamId(event.orderId());
        order = event;
    }

    @EventSourcingHandler
    void on(QuoteIssued event) {
        quotes.replaceAll((id, q) -> q.status() == QuoteStatus.OPEN
                ? q.decided(QuoteStatus.SUPERSEDED, null, event.quoteId(), event.issuedAt())
                : q);
        quotes.put(event.quoteId(), QuoteView.issued(event, null));
    }

    @EventSourcingHandler
    void on(QuotePricedBy event) {
        quotes.computeIfPresent(
                event.quoteId(),
                (id, q) -> q.pricedBy(new QuoteView.PricedBy(event.stewardId(), event.professionalId())));
    }

    @EventSourcingHandler
    void on(QuoteAccepted event) {
        quotes.computeIfPresent(
                event.quoteId(), (id, q) -> q.decided(QuoteStatus.ACCEPTED, recorder(event), null, event.acceptedAt()));
    }

    /** Events stored before recordedBy was published carry the recorder only in acceptedBy. */
    @SuppressWarnings("deprecation")
    private static String recorder(QuoteAccepted event) {
        return event.recordedBy() != null ? event.recordedBy() : event.acceptedBy();
    }

    @EventSourcingHandler
    void on(QuoteDeclined event) {
        quotes.computeIfPresent(
                event.quoteId(), (id, q) -> q.decided(QuoteStatus.DECLINED, null, event.reason(), event.declinedAt()));
    }

    @EventSourcingHandler
    void on(OrderCancellationNoted event) {
        cancelled = true;
        if (event.withdrawnQuoteId() != null) {
            quotes.computeIfPresent(
                    event.withdrawnQuoteId(),
                    (id, q) -> q.decided(QuoteStatus.WITHDRAWN, null, event.reason(), event.cancelledAt()));
        }
    }

    @EventSourcingHandler
    void on(OrderCompletionNoted event) {
        completed = true;
    }

    public OrderView view() {
        return new OrderView(
                order.orderId(),
                order.ticketId(),
                order.estateId(),
                order.unitId(),
                order.kind(),
                order.department(),
                order.paid(),
                order.contractId(),
                cancelled,
                completed,
                new ArrayList<>(quotes.values()));
    }
}
