package io.propdesk.billing.domain;

import io.propdesk.billing.query.ContractBook;
import io.propdesk.billing.query.MonthBook;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.ChargePosted;
import io.propdesk.contracts.billing.StatementIssued;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.calendar.EstateCalendars;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Charges and monthly statements (H7, H8).
 *
 * <ul>
 * <li>A paid order's charge is its accepted quote's total (R7, P2), posted when the order completes, under the
 * month of completion in the estate's zone, with charge id {@code CH-<orderId>}: posting it again finds it and
 * changes nothing, so OrderCompleted may be delivered any number of times.</li>
 * <li>Contract fees are posted when dispatch closes the month (MonthClosed), one per contract and month with charge
 * id {@code CF-<contractId>-<yyyy-MM>}, just before that month's statements are issued (pro rata: ContractFees).
 * Until then the open statement shows them as they will be posted.</li>
 * <li>A charge whose month is already closed goes on the next open month's statement: a closed month never
 * changes (H8).</li>
 * </ul>
 */
@Service
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    /** How far a charge for a closed month may move forward; months are closed one by one, so one step is usual. */
    private static final int MAX_MONTHS_FORWARD = 24;

    private final CommandGateway commands;
    private final Repository<Statement> statements;
    private final AggregateReads reads;
    private final QuoteDesk quotes;
    private final ContractBook contracts;
    private final MonthBook months;
    private final EstateCalendars calendars;
    private final Clock clock;

    public Accounts(
            CommandGateway commands,
            Repository<Statement> statements,
            AggregateReads reads,
            QuoteDesk quotes,
            ContractBook contracts,
            MonthBook months,
            EstateCalendars calendars,
            Clock clock) {
        this.commands = commands;
        this.statements = statements;
        this.reads = reads;
        this.quotes = quotes;
        this.contracts = contracts;
        this.months = months;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** R7, P2, H7: a completed paid order is charged its accepted quote's price, once. */
    public void orderCompleted(OrderCompleted completed) {
        Optional<OrderView> known = quotes.order(completed.orderId());
        if (known.isEmpty()) {
            log.warn(
                    "order {} of ticket {} completed but was never dispatched to billing; nothing to charge",
                    completed.orderId(),
                    completed.ticketId());
            return;
        }
        commands.sendAndWait(new NoteCompletion(completed.orderId(), completed.completedAt()));
        OrderView order = known.get();
        if (!order.paid() || order.contractId() != null) {
            return; // free work, or a contract visit paid by the monthly fee (H1)
        }
        Optional<QuoteView> accepted = order.acceptedQuote();
        if (accepted.isEmpty()) {
            log.warn(
                    "paid order {} of ticket {} completed without an accepted quote (R7); nothing to charge",
                    order.orderId(),
                    order.ticketId());
            return;
        }
        QuoteView quote = accepted.get();
        YearMonth month = YearMonth.from(completed
                .completedAt()
                .atZone(calendars.calendar(order.estateId()).zone()));
        String description = "Paid order " + order.orderId() + " (" + order.kind() + "), quote " + quote.quoteId();
        for (int step = 0; step < MAX_MONTHS_FORWARD; step++, month = month.plusMonths(1)) {
            boolean closed = months.isClosed(month);
            String customer = order.customerId();
            if (closed && !exists(Statements.statementId(customer, month))) {
                continue; // H8: nothing was posted there, and a closed month takes nothing new
            }
            if (!closed) {
                months.addCustomer(month, customer, order.estateId());
            }
            PostResult result = commands.sendAndWait(new PostCharge(
                    customer,
                    month,
                    order.estateId(),
                    Statements.orderChargeId(order.orderId()),
                    order.ticketId(),
                    order.orderId(),
                    quote.quoteId(),
                    null,
                    order.department(),
                    description,
                    quote.total(),
                    closed,
                    clock.instant()));
            if (result != PostResult.MONTH_CLOSED) {
                return;
            }
        }
        throw new IllegalStateException("no open month for the charge of order " + order.orderId());
    }

    public void contractSigned(ContractSigned contract) {
        contracts.remember(contract);
    }

    /** H7, H8: post the month's contract fees, then issue each customer's statement, once. */
    public void monthClosed(MonthClosed closed) {
        YearMonth month = closed.month();
        months.markClosed(month);
        for (ContractSigned contract : contracts.all()) {
            Optional<ContractFees.Fee> fee = ContractFees.feeFor(contract, month);
            if (fee.isEmpty()) {
                continue;
            }
            months.addCustomer(month, contract.customerId(), contract.estateId());
            PostResult result = commands.sendAndWait(new PostCharge(
                    contract.customerId(),
                    month,
                    contract.estateId(),
                    Statements.contractFeeChargeId(contract.contractId(), month),
                    null,
                    null,
                    null,
                    contract.contractId(),
                    contract.department(),
                    ContractFees.description(contract, month, fee.get()),
                    fee.get().amount(),
                    false,
                    clock.instant()));
            if (result == PostResult.MONTH_CLOSED) {
                log.warn(
                        "statement of {} for {} was issued before contract {}'s fee could be posted",
                        contract.customerId(),
                        month,
                        contract.contractId());
            }
        }
        for (Map.Entry<String, String> customer : months.customers(month).entrySet()) {
            commands.sendAndWait(new IssueStatement(customer.getKey(), month, customer.getValue(), clock.instant()));
        }
    }

    private boolean exists(String statementId) {
        return reads.read(statements, statementId, s -> Boolean.TRUE).isPresent();
    }

    public StatementView statement(String customerId, YearMonth month) {
        String statementId = Statements.statementId(customerId, month);
        Optional<Statement.State> state = reads.read(statements, statementId, Statement::state);
        if (state.isPresent() && state.get().issued() != null) {
            StatementIssued issued = state.get().issued();
            return new StatementView(
                    statementId,
                    customerId,
                    month,
                    issued.estateId(),
                    StatementView.Status.ISSUED,
                    issued.lines(),
                    issued.total(),
                    issued.issuedAt());
        }
        List<StatementIssued.Line> lines = new ArrayList<>();
        String estateId = state.map(s -> s.opened().estateId()).orElse(null);
        for (ChargePosted c : state.map(Statement.State::charges).orElse(List.of())) {
            lines.add(new StatementIssued.Line(
                    c.chargeId(), c.ticketId(), c.orderId(), c.contractId(), c.description(), c.amount()));
        }
        boolean closed = months.isClosed(month);
        if (!closed) {
            for (ContractSigned contract : contracts.ofCustomer(customerId)) {
                String chargeId = Statements.contractFeeChargeId(contract.contractId(), month);
                Optional<ContractFees.Fee> fee = ContractFees.feeFor(contract, month);
                if (fee.isPresent()
                        && lines.stream().noneMatch(l -> l.chargeId().equals(chargeId))) {
                    lines.add(new StatementIssued.Line(
                            chargeId,
                            null,
                            null,
                            contract.contractId(),
                            ContractFees.description(contract, month, fee.get()),
                            fee.get().amount()));
                    estateId = estateId == null ? contract.estateId() : estateId;
                }
            }
        }
        Money total = lines.stream().map(StatementIssued.Line::amount).reduce(Money.zero(Money.CNY), Money::plus);
        return new StatementView(
                statementId,
                customerId,
                month,
                estateId,
                closed ? StatementView.Status.CLOSED : StatementView.Status.OPEN,
                lines,
                total,
                null);
    }
}
