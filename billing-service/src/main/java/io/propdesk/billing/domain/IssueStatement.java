package io.propdesk.billing.domain;

import java.time.Instant;
import java.time.YearMonth;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue the customer's statement for a closed month (H7, H8); idempotent. A statement that has no stream yet is
 * created issued and empty, so a charge racing the month close can only land on a later month.
 */
public record IssueStatement(String customerId, YearMonth month, String estateId, Instant issuedAt) {

    @TargetAggregateIdentifier
    public String statementId() {
        return Statements.statementId(customerId, month);
    }
}
