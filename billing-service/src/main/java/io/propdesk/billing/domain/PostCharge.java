package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import java.time.Instant;
import java.time.YearMonth;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Post a charge on a customer's statement for a month (H7). Answers a {@link PostResult}; posting the same charge id
 * again answers ALREADY_POSTED and changes nothing.
 *
 * @param monthClosed the month was already closed when this charge came in (H8): a statement of it takes no new
 *                    charge, even one not issued yet, and the charge belongs to a later month
 */
public record PostCharge(
        String customerId,
        YearMonth month,
        String estateId,
        String chargeId,
        String ticketId,
        String orderId,
        String quoteId,
        String contractId,
        Department department,
        String description,
        Money amount,
        boolean monthClosed,
        Instant postedAt) {

    @TargetAggregateIdentifier
    public String statementId() {
        return Statements.statementId(customerId, month);
    }
}
