package io.propdesk.contracts.billing;

import io.propdesk.contracts.Money;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A customer's monthly statement: the month's contract visits and paid orders filed together (H7),
 * issued once the month is closed (H8). It belongs to no ticket: the customer is its subject.
 */
public record StatementIssued(
        String customerId,
        YearMonth month,
        String statementId,
        String estateId,
        List<Line> lines,
        Money total,
        Instant issuedAt)
        implements PublicEvent {

    public StatementIssued {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public record Line(
            String chargeId,
            @Nullable String ticketId,
            @Nullable String orderId,
            @Nullable String contractId,
            String description,
            Money amount) {}

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return customerId;
    }
}
