package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.TicketKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A monthly cleaning or greening contract was agreed after pricing on site (H1, P2); visits are then
 * served one order each (ContractVisitScheduled) and billed per customer per month (H7). It belongs
 * to no ticket: the contract is its own subject.
 *
 * @param kind             CLEANING_MONTHLY or GREENING
 * @param customerId       whom the monthly statement goes to (H7); by convention the owner's unit id
 * @param endDate          last day of the contract; null while open-ended
 * @param visitDays        the agreed schedule: visit weekdays, at {@code visitTime} estate-local time
 * @param priceListVersion the department's price-list version the fee was priced from (P2)
 * @param stewardId        the steward who priced the job on site with {@code pricedBy} (H1)
 */
public record ContractSigned(
        String contractId,
        String customerId,
        String estateId,
        String unitId,
        TicketKind kind,
        Department department,
        LocalDate startDate,
        LocalDate endDate,
        Set<DayOfWeek> visitDays,
        LocalTime visitTime,
        Money monthlyFee,
        int priceListVersion,
        @Nullable String stewardId,
        String pricedBy,
        Instant signedAt)
        implements PublicEvent {

    public ContractSigned {
        visitDays = visitDays == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(visitDays));
    }

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return contractId;
    }
}
