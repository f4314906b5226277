package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.contracts.billing.QuoteIssued;
import io.propdesk.contracts.dispatch.ContractSigned;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/** Object Mother for billing's test data: orders, price lists, quotes, contracts. */
public final class BillingMother {

    public static final Instant DISPATCHED = Instant.parse("2026-11-10T02:00:00Z");
    public static final Instant QUOTED = Instant.parse("2026-11-10T03:00:00Z");
    public static final Instant DECIDED = Instant.parse("2026-11-10T04:00:00Z");
    public static final Instant POSTED = Instant.parse("2026-11-12T08:00:00Z");
    public static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private BillingMother() {}

    public static PriceListPublished.Item tapReplacement() {
        return new PriceListPublished.Item("ENG-TAP", "Replace kitchen tap", "piece", Money.cny("80"));
    }

    public static PriceListPublished.Item labourHour() {
        return new PriceListPublished.Item("ENG-HOUR", "Plumber labour", "hour", Money.cny("48.50"));
    }

    public static OrderRecorded aPaidRepairOrder(String orderId) {
        return new OrderRecorded(
                orderId, "T-1", "sunrise", "b1-101", TicketKind.REPAIR, Department.ENGINEERING, true, null, DISPATCHED);
    }

    public static OrderRecorded aFreeRepairOrder(String orderId) {
        return new OrderRecorded(
                orderId,
                "T-1",
                "sunrise",
                "b1-101",
                TicketKind.REPAIR,
                Department.ENGINEERING,
                false,
                null,
                DISPATCHED);
    }

    /** One tap (80.00) and two hours of labour (2 × 48.50): 177.00 from price list version 3. */
    public static List<QuoteIssued.Line> tapAndLabour() {
        return List.of(
                new QuoteIssued.Line("ENG-TAP", "Replace kitchen tap", 1, Money.cny("80"), Money.cny("80")),
                new QuoteIssued.Line("ENG-HOUR", "Plumber labour", 2, Money.cny("48.50"), Money.cny("97.00")));
    }

    public static IssueQuote quoteFor(String orderId) {
        return new IssueQuote(
                orderId,
                "T-1",
                Department.ENGINEERING,
                3,
                tapAndLabour(),
                Money.cny("177.00"),
                "steward-li",
                "eng-zhang",
                QUOTED);
    }

    public static QuoteIssued issued(String orderId, int number) {
        return new QuoteIssued(
                "T-1",
                "Q" + number + "-" + orderId,
                orderId,
                Department.ENGINEERING,
                3,
                tapAndLabour(),
                Money.cny("177.00"),
                "steward-li",
                QUOTED);
    }

    public static QuotePricedBy pricedBy(String orderId, int number) {
        return new QuotePricedBy(orderId, "Q" + number + "-" + orderId, "steward-li", "eng-zhang");
    }

    /** A monthly cleaning contract of unit b1-101 at 600.00 a month. */
    public static ContractSigned aCleaningContract(String contractId, LocalDate start, LocalDate end) {
        return new ContractSigned(
                contractId,
                "b1-101",
                "sunrise",
                "b1-101",
                TicketKind.CLEANING_MONTHLY,
                Department.CLEANING,
                start,
                end,
                Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                LocalTime.of(9, 0),
                Money.cny("600"),
                2,
                "steward-li",
                "clean-zhou",
                Instant.parse("2026-11-01T01:00:00Z"));
    }
}
