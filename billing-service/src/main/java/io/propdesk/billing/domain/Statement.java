package io.propdesk.billing.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.ChargePosted;
import io.propdesk.contracts.billing.StatementIssued;
import io.propdesk.platform.domain.Snapshots;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer's account for one month (H7): every charge is posted here, once per charge id, and when the month is
 * closed the statement is issued once and never changes again (H8). Keeping the charges in the statement's own
 * stream makes "charged once" and "issued once" single-stream decisions.
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Statement {

    @AggregateIdentifier
    private String statementId;

    private StatementOpened opened;
    private List<ChargePosted> charges = new ArrayList<>();
    private StatementIssued issued;

    protected Statement() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PostResult handle(PostCharge cmd) {
        if (charges.stream().anyMatch(c -> c.chargeId().equals(cmd.chargeId()))) {
            return PostResult.ALREADY_POSTED;
        }
        if (issued != null || cmd.monthClosed()) {
            return PostResult.MONTH_CLOSED; // H8: an archived month no longer changes
        }
        if (opened == null) {
            apply(new StatementOpened(cmd.statementId(), cmd.customerId(), cmd.month(), cmd.estateId()));
        }
        apply(new ChargePosted(
                cmd.ticketId(),
                cmd.chargeId(),
                cmd.orderId(),
                cmd.quoteId(),
                cmd.contractId(),
                cmd.customerId(),
                cmd.department(),
                cmd.description(),
                cmd.amount(),
                cmd.month(),
                cmd.postedAt()));
        return PostResult.POSTED;
    }

    /** H7, H8: returns whether this call issued it; a repeated month close changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(IssueStatement cmd) {
        if (issued != null) {
            return false;
        }
        if (opened == null) {
            apply(new StatementOpened(cmd.statementId(), cmd.customerId(), cmd.month(), cmd.estateId()));
        }
        List<StatementIssued.Line> lines = charges.stream()
                .map(c -> new StatementIssued.Line(
                        c.chargeId(), c.ticketId(), c.orderId(), c.contractId(), c.description(), c.amount()))
                .toList();
        apply(new StatementIssued(
                cmd.customerId(),
                cmd.month(),
                cmd.statementId(),
                opened == null ? cmd.estateId() : opened.estateId(),
                lines,
                total(charges),
                cmd.issuedAt()));
        return true;
    }

    /** The one rounding rule: every amount is already 2 decimals HALF_UP (Money), so sums are exact. */
    static Money total(List<ChargePosted> charges) {
        return charges.stream().map(ChargePosted::amount).reduce(Money.zero(Money.CNY), Money::plus);
    }

    @EventSourcingHandler
    void on(StatementOpened event) {
        statementId = event.statementId();
        opened = event;
    }

    @EventSourcingHandler
    void on(ChargePosted event) {
        charges.add(event);
    }

    @EventSourcingHandler
    void on(StatementIssued event) {
        issued = event;
    }

    /** What the statement holds, read from its own stream. */
    public record State(StatementOpened opened, List<ChargePosted> charges, StatementIssued issued) {}

    public State state() {
        return new State(opened, List.copyOf(charges), issued);
    }
}
