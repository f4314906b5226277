package io.propdesk.contracts.billing;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.time.YearMonth;

/**
 * A charge on a customer's account (H7): a completed paid order at its accepted quote (R7, P2), or a
 * monthly contract fee (H1), which belongs to no ticket and is then keyed by the customer.
 *
 * @param customerId whose monthly statement it goes on; by convention the owner's unit id
 * @param month      the statement month it is filed under, in the estate's time zone ({@code yyyy-MM})
 */
public record ChargePosted(
        @Nullable String ticketId,
        String chargeId,
        @Nullable String orderId,
        @Nullable String quoteId,
        @Nullable String contractId,
        String customerId,
        Department department,
        String description,
        Money amount,
        YearMonth month,
        Instant postedAt)
        implements PublicEvent {

    @Override
    public String subject() {
        return ticketId != null ? ticketId : customerId;
    }
}
