package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.TicketKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a monthly cleaning or greening contract priced on site with its agreed schedule (H1, H6, P2). */
public record SignContract(
        @TargetAggregateIdentifier String contractId,
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
        String stewardId,
        String pricedBy,
        Instant signedAt) {}
