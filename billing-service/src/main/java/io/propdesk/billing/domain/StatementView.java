package io.propdesk.billing.domain;

import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.StatementIssued;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A customer's statement for a month (H7). ISSUED: exactly as issued at month close, never changing again (H8).
 * OPEN: the charges posted so far plus the contract fees the month close will post, as they will be posted.
 * CLOSED: the month is closed and the statement is being issued, or there was nothing to bill.
 */
public record StatementView(
        String statementId,
        String customerId,
        YearMonth month,
        String estateId,
        Status status,
        List<StatementIssued.Line> lines,
        Money total,
        Instant issuedAt) {

    public enum Status {
        OPEN,
        CLOSED,
        ISSUED
    }
}
