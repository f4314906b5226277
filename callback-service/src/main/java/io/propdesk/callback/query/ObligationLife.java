package io.propdesk.callback.query;

import io.propdesk.callback.domain.LedgerView.ObligationView;
import io.propdesk.callback.domain.ObligationStatus;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * One obligation as it stood after one of its events, for the obligation history ({@link ObligationHistory}): what
 * {@code ObligationOpened} said, the due time as moved since, the state (open, breached, fulfilled, withdrawn), the
 * instant from which this holds and the ledger sequence of the event. Stored as one compact line, because the
 * embedded MongoDB-wire server reads and writes one string far faster than a nested document of the same content.
 *
 * @param at  from when this state holds: the event's own instant, never before the obligation's previous state (a
 *            calendar change is recorded as of the calendar's start, which may lie before the obligation opened)
 * @param seq the ledger's sequence of the event, so a re-delivered event is recognised
 */
record ObligationLife(
        String obligationId,
        String ticketId,
        String callId,
        SlaRule rule,
        String party,
        String orderId,
        String callbackId,
        LocalDate day,
        String estateId,
        Department department,
        String stewardId,
        String acceptor,
        Instant openedAt,
        Instant dueAt,
        ObligationStatus status,
        Instant at,
        long seq) {

    private static final char SEP = '\u001F';
    private static final String NULL = "\u0018";
    private static final Pattern FIELDS = Pattern.compile(String.valueOf(SEP));

    /** The obligation an event of the ledger's life is about, or null for any other event. */
    static String obligationOf(Object event) {
        if (event instanceof ObligationOpened o) {
            return o.obligationId();
        }
        if (event instanceof ObligationRescheduled r) {
            return r.obligationId();
        }
        if (event instanceof ObligationFulfilled f) {
            return f.obligationId();
        }
        if (event instanceof SlaBreached b) {
            return b.obligationId();
        }
        if (event instanceof ObligationWithdrawn w) {
            return w.obligationId();
        }
        return null;
    }

    /**
     * The obligation after {@code event}, or null when the event changes nothing: an obligation never opened, one
     * opened twice, or one that ended fulfilled or withdrawn. A breached obligation stays outstanding until it is
     * fulfilled late, withdrawn, or its ticket's follow-up closes ({@code FollowUpClosed}, which the ledger applies to
     * each of the ticket's obligations): the desk owes nothing more on a closed ticket, so its breach leaves the
     * overdue queue then, recorded here as withdrawn (off every queue; the breach itself still counts in compliance).
     * An open obligation is not touched by the closing: the ledger withdraws it by its own event.
     */
    static ObligationLife after(ObligationLife before, Object event, long seq) {
        if (event instanceof ObligationOpened o) {
            return before != null
                    ? null
                    : new ObligationLife(
                            o.obligationId(),
                            o.ticketId(),
                            o.callId(),
                            o.rule(),
                            o.party(),
                            o.orderId(),
                            o.callbackId(),
                            o.day(),
                            o.estateId(),
                            o.department(),
                            o.stewardId(),
                            o.acceptor(),
                            o.openedAt(),
                            o.dueAt(),
                            ObligationStatus.OPEN,
                            o.openedAt(),
                            seq);
        }
        if (before == null || !before.outstanding()) {
            return null;
        }
        if (event instanceof ObligationRescheduled r) {
            return before.with(r.dueAt(), before.status, r.rescheduledAt(), null, null, seq);
        }
        if (event instanceof SlaBreached b) {
            return before.with(
                    before.dueAt, ObligationStatus.BREACHED, b.breachedAt(), b.department(), b.stewardId(), seq);
        }
        if (event instanceof ObligationFulfilled f) {
            return before.with(
                    before.dueAt, ObligationStatus.FULFILLED, f.fulfilledAt(), f.department(), f.stewardId(), seq);
        }
        if (event instanceof ObligationWithdrawn w) {
            return before.with(before.dueAt, ObligationStatus.WITHDRAWN, w.withdrawnAt(), null, null, seq);
        }
        if (event instanceof FollowUpClosed c && before.status == ObligationStatus.BREACHED) {
            return before.with(before.dueAt, ObligationStatus.WITHDRAWN, c.closedAt(), null, null, seq);
        }
        return null;
    }

    private ObligationLife with(
            Instant due, ObligationStatus next, Instant when, Department department, String stewardId, long seq) {
        return new ObligationLife(
                obligationId,
                ticketId,
                callId,
                rule,
                party,
                orderId,
                callbackId,
                day,
                estateId,
                department != null ? department : this.department,
                stewardId != null ? stewardId : this.stewardId,
                acceptor,
                openedAt,
                due,
                next,
                when == null || when.isBefore(at) ? at : when,
                seq);
    }

    /** Open or breached: on a queue at this state's instant. */
    boolean outstanding() {
        return status == ObligationStatus.OPEN || status == ObligationStatus.BREACHED;
    }

    /** As the queue shows it: a breached obligation's closing instant is its breach. */
    ObligationView view() {
        return new ObligationView(
                obligationId,
                ticketId,
                callId,
                rule,
                party,
                orderId,
                callbackId,
                day,
                estateId,
                department,
                stewardId,
                openedAt,
                dueAt,
                status,
                status == ObligationStatus.BREACHED ? at : null,
                null);
    }

    String encode() {
        StringBuilder line = new StringBuilder(160);
        field(line, obligationId);
        field(line, ticketId);
        field(line, callId);
        field(line, rule.name());
        field(line, party);
        field(line, orderId);
        field(line, callbackId);
        field(line, day == null ? null : day.toString());
        field(line, estateId);
        field(line, department == null ? null : department.name());
        field(line, stewardId);
        field(line, acceptor);
        field(line, openedAt == null ? null : openedAt.toString());
        field(line, dueAt == null ? null : dueAt.toString());
        field(line, status.name());
        field(line, at.toString());
        line.append(seq);
        return line.toString();
    }

    static ObligationLife decode(String line) {
        String[] f = FIELDS.split(line, -1);
        return new ObligationLife(
                text(f[0]),
                text(f[1]),
                text(f[2]),
                SlaRule.valueOf(f[3]),
                text(f[4]),
                text(f[5]),
                text(f[6]),
                f[7].equals(NULL) ? null : LocalDate.parse(f[7]),
                text(f[8]),
                f[9].equals(NULL) ? null : Department.valueOf(f[9]),
                text(f[10]),
                text(f[11]),
                f[12].equals(NULL) ? null : Instant.parse(f[12]),
                f[13].equals(NULL) ? null : Instant.parse(f[13]),
                ObligationStatus.valueOf(f[14]),
                Instant.parse(f[15]),
                Long.parseLong(f[16]));
    }

    private static void field(StringBuilder line, String value) {
        line.append(value == null ? NULL : value.replace(SEP, ' ')).append(SEP);
    }

    private static String text(String field) {
        return field.equals(NULL) ? null : field;
    }
}
