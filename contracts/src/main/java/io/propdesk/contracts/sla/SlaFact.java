package io.propdesk.contracts.sla;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;

/**
 * One row of the warehouse feed (issue 18 item 6): flat, scalar columns only, the same columns for both kinds of row,
 * so a warehouse's Kafka ingestion (ClickHouse's Kafka engine, a Kafka Connect sink) maps it to one table without
 * code. Instants are ISO-8601 UTC strings, minutes whole numbers, enums their names; a column that does not apply to
 * a row is left out of the JSON (null).
 *
 * <p>{@code factId} is stable: {@code obligation:<obligationId>} for an obligation's outcome, {@code ticket:<ticketId>}
 * for a closed ticket. A re-delivered source event publishes the same factId with the same version again; a later
 * change publishes the same factId with a higher {@code version} that replaces the earlier row (version 1 the first
 * outcome, 2 when a breached obligation is fulfilled late; a ticket's version counts its closes). A table keyed by
 * factId that keeps the highest version (ClickHouse {@code ReplacingMergeTree(version)}) holds one row per fact.
 *
 * @param factType           {@code OBLIGATION} or {@code TICKET}
 * @param version            1 for a fact's first row; a higher one replaces it
 * @param ticketId           the ticket; null for a missed call's obligation (M1)
 * @param callId             the missed call (M1); null otherwise
 * @param obligationId       the obligation; null on a ticket row
 * @param areaId             the ticket's area, when the ticket named one
 * @param buildingId         the ticket's building, when the ticket named one
 * @param department         the department that owed the obligation (a ticket row: the ticket's first department)
 * @param stewardId          the ticket's steward when the outcome was recorded
 * @param acceptor           the front-desk person who owns the ticket's follow-up
 * @param rule               the obligation's rule; null on a ticket row
 * @param kind               the ticket's kind; null for a missed call (M1)
 * @param paid               whether the owner pays; null for a missed call (M1)
 * @param severity           a complaint's severity; null otherwise
 * @param orderId            the work order the obligation is about, if any
 * @param outcome            {@code MET} (on time), {@code BREACHED} (not met, so far), {@code MET_LATE} (breached,
 *                           then fulfilled late); {@code CLOSED} on a ticket row
 * @param everBreached       the obligation was breached, whatever came after; a ticket row: any of its obligations
 * @param breachedNow        breached and not fulfilled since; a ticket row: any of its obligations
 * @param openedAt           a ticket row: when its follow-up opened; null on an obligation row
 * @param dueAt              when the obligation was due; null for one without a clock (R7, C3) and on a ticket row
 * @param breachedAt         when it was breached; null when it was not
 * @param doneAt             when it was fulfilled (on time or late) or, on a ticket row, closed; null while breached
 * @param minutesLate        wall-clock minutes from due (from the breach without a clock) to done, rounded down; 0
 *                           when met on time; null while breached and not done
 * @param workingMinutesLate the same in the estate's working time
 * @param obligationsDue     a ticket row: its obligations that were met or breached (withdrawn ones not counted)
 * @param obligationsBreached a ticket row: how many of them were ever breached
 */
public record SlaFact(
        String factId,
        String factType,
        int version,
        @Nullable String ticketId,
        @Nullable String callId,
        @Nullable String obligationId,
        String estateId,
        @Nullable String areaId,
        @Nullable String buildingId,
        @Nullable Department department,
        @Nullable String stewardId,
        @Nullable String acceptor,
        @Nullable SlaRule rule,
        @Nullable TicketKind kind,
        @Nullable Boolean paid,
        @Nullable Severity severity,
        @Nullable String orderId,
        String outcome,
        boolean everBreached,
        boolean breachedNow,
        @Nullable Instant openedAt,
        @Nullable Instant dueAt,
        @Nullable Instant breachedAt,
        @Nullable Instant doneAt,
        @Nullable Integer minutesLate,
        @Nullable Integer workingMinutesLate,
        @Nullable Integer obligationsDue,
        @Nullable Integer obligationsBreached)
        implements PublicEvent {

    public static final String OBLIGATION = "OBLIGATION";
    public static final String TICKET = "TICKET";

    /** The Kafka key and ce_subject: the fact, so each fact's rows stay on one partition, in order. */
    @Override
    public String subject() {
        return factId;
    }

    public static String obligationFactId(String obligationId) {
        return "obligation:" + obligationId;
    }

    public static String ticketFactId(String ticketId) {
        return "ticket:" + ticketId;
    }
}
