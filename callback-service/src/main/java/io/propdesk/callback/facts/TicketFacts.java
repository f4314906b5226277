package io.propdesk.callback.facts;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the warehouse feed remembers of one ticket between its events (issue 18 item 6): the dimensions its rows carry
 * and which of its obligations were met, breached and met late. Sets, not counters, so an event applied twice (a
 * re-delivery after a crash before the inbox marker) counts once.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class TicketFacts {

    String ticketId;
    String estateId;
    String areaId;
    String buildingId;
    TicketKind kind;
    Boolean paid;
    Severity severity;
    String acceptor;
    String stewardId;
    Department department;
    Instant openedAt;
    Set<String> met = new TreeSet<>();
    Set<String> breached = new TreeSet<>();
    Set<String> metLate = new TreeSet<>();
    /** Each close of the follow-up, by time: a ticket row's version is how many there were. */
    Set<Instant> closes = new TreeSet<>();

    /**
     * The last sequence applied per source service and aggregate (issue 19: the document dedupes re-delivered events
     * itself, without inbox markers; aggregate ids are unique only within one service).
     */
    Map<String, Long> applied = new TreeMap<>();

    /**
     * Whether this event is new to the ticket, remembering its sequence if so. An event without a sequence (none on the
     * ledger's topic today) is taken; the fold's sets make it count once.
     */
    boolean takes(Envelope event) {
        if (event.aggregateId() == null || event.sequence() < 0) {
            return true;
        }
        String key = event.source() + "|" + event.aggregateId();
        Long last = applied.get(key);
        if (last != null && event.sequence() <= last) {
            return false;
        }
        applied.put(key, event.sequence());
        return true;
    }

    /** Seen the ticket's FollowUpOpened (a missed call's obligation, M1, has no ticket). */
    boolean known() {
        return ticketId != null;
    }
}
