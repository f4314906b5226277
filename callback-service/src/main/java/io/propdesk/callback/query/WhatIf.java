package io.propdesk.callback.query;

import io.propdesk.callback.CallbackProperties;
import io.propdesk.callback.CallbackProperties.CallbackDue;
import io.propdesk.callback.CallbackProperties.ReplyClock;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.callback.domain.LedgerReplay;
import io.propdesk.callback.domain.LedgerView;
import io.propdesk.callback.domain.RecordedFacts;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.calendar.EstateCalendar;
import io.propdesk.platform.calendar.EstateCalendars;
import io.propdesk.platform.domain.BadRequestException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.Message;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Compliance under other rules (ARCHITECTURE.md: "a replay under new rules gives a what-if view beside it, never over
 * it"): each ledger that can count in the period is replayed from its recorded facts by the ledger's own command
 * handlers on {@link DueTimes} built from the what-if rules, and counted with the same arithmetic as the recorded
 * figures ({@link Compliance}). The recorded streams are only read; the replays live in scratch stores and are
 * dropped, so no event is appended and no document written.
 */
@Component
public class WhatIf {

    /**
     * How long after a finished ledger's last recorded moment a what-if obligation may still come due: the due rules
     * reach at most a day of replies or the end of the next working day from their fact, so a month covers long
     * holidays. Finished ledgers quieter than that before the period are not replayed.
     */
    static final Duration SETTLED_MARGIN = Duration.ofDays(31);

    /** An estate's own what-if rules; a null field keeps what the estate has now. */
    public record EstateRules(
            Duration replyEvery,
            ReplyClock replyClock,
            LocalTime workdayStart,
            LocalTime workdayEnd,
            Set<DayOfWeek> workingDays) {

        boolean changesWorkingDay() {
            return workdayStart != null || workdayEnd != null || workingDays != null;
        }
    }

    /** The what-if rules; a null field keeps the rule in force. */
    public record Rules(
            Duration replyEvery, ReplyClock replyClock, CallbackDue callbackDue, Map<String, EstateRules> estates) {

        public Rules {
            estates = estates == null ? Map.of() : Map.copyOf(estates);
        }
    }

    /** The rules the what-if ran on, as in force for the service and for each estate it changed. */
    public record AppliedRules(
            Duration replyEvery, ReplyClock replyClock, CallbackDue callbackDue, Map<String, AppliedEstate> estates) {}

    public record AppliedEstate(
            Duration replyEvery,
            ReplyClock replyClock,
            LocalTime workdayStart,
            LocalTime workdayEnd,
            Set<DayOfWeek> workingDays) {}

    public record Report(
            Instant from,
            Instant to,
            String groupBy,
            AppliedRules rules,
            Compliance.Report recorded,
            Compliance.Report whatIf,
            List<String> ignoredEstates,
            int ticketsReplayed,
            int skippedFacts) {}

    private final Compliance compliance;
    private final LedgerDocuments ledgers;
    private final EventStorageEngine store;
    private final EstateCalendars estates;
    private final CallbackProperties properties;
    private final Clock clock;

    public WhatIf(
            Compliance compliance,
            LedgerDocuments ledgers,
            EventStorageEngine store,
            EstateCalendars estates,
            CallbackProperties properties,
            Clock clock) {
        this.compliance = compliance;
        this.ledgers = ledgers;
        this.store = store;
        this.estates = estates;
        this.properties = properties;
        this.clock = clock;
    }

    public Report report(Instant from, Instant to, Compliance.GroupBy groupBy, Rules rules) {
        List<String> ignored = new ArrayList<>();
        Map<String, EstateCalendar> calendars = new HashMap<>();
        Map<String, CallbackProperties.EstateRules> replyRules = new HashMap<>(properties.estates());
        Map<String, AppliedEstate> applied = new TreeMap<>();
        rules.estates().forEach((estateId, override) -> {
            EstateConfigured estate = estates.find(estateId).orElse(null);
            if (estate == null) {
                // an estate nobody configured keeps the default calendar, as it does in the live ledger
                ignored.add(estateId);
                return;
            }
            EstateCalendar calendar =
                    override.changesWorkingDay() ? calendar(estateId, estate, override) : EstateCalendar.of(estate);
            calendars.put(estateId, calendar);
            CallbackProperties.EstateRules live = properties.estates().get(estateId);
            replyRules.put(
                    estateId,
                    new CallbackProperties.EstateRules(
                            first(override.replyEvery(), live == null ? null : live.replyEvery()),
                            first(override.replyClock(), live == null ? null : live.replyClock())));
            applied.put(
                    estateId,
                    new AppliedEstate(
                            null,
                            null,
                            first(override.workdayStart(), estate.workdayStart()),
                            first(override.workdayEnd(), estate.workdayEnd()),
                            first(override.workingDays(), estate.workingDays())));
        });
        CallbackProperties whatIfProperties = new CallbackProperties(
                first(rules.replyEvery(), properties.replyEvery()),
                first(rules.replyClock(), properties.replyClock()),
                first(rules.callbackDue(), properties.callbackDue()),
                replyRules);
        applied.replaceAll((estateId, a) -> new AppliedEstate(
                whatIfProperties.replyEvery(estateId),
                whatIfProperties.replyClock(estateId),
                a.workdayStart(),
                a.workdayEnd(),
                a.workingDays()));
        // the live ledger's due-time code, on the what-if properties and calendars
        DueTimes due = new DueTimes(
                estateId -> calendars.containsKey(estateId) ? calendars.get(estateId) : estates.calendar(estateId),
                estates::paidReturnHours,
                whatIfProperties);

        Instant now = clock.instant();
        Instant horizon = now.isBefore(to) ? now : to;
        LedgerReplay replay = new LedgerReplay(due);
        List<Document> outcomes = new ArrayList<>();
        Set<String> completedCallbacks = new HashSet<>();
        int replayed = 0;
        int skipped = 0;
        for (LedgerView ledger : ledgers.list(null, false)) {
            if (!mayCount(ledger, from, to)) {
                continue;
            }
            LedgerReplay.Result result =
                    replay.replay(ledger.ticketId(), RecordedFacts.of(recorded(ledger.ticketId())), horizon);
            replayed++;
            skipped += result.skippedFacts();
            Map<String, Document> replayedOutcomes = new HashMap<>();
            for (Object event : result.events()) {
                Document outcome = ObligationOutcomes.outcomeOf(event);
                if (outcome != null) {
                    replayedOutcomes.put(outcome.getString("_id"), outcome);
                }
                if (outcome != null && ObligationOutcomes.countsBetween(outcome, from, to)) {
                    outcomes.add(outcome);
                } else if (event instanceof ObligationFulfilled f && f.late()) {
                    // issue 18 item 4: added to its breach's outcome, as the recorded figures do
                    Document breach = replayedOutcomes.get(f.obligationId());
                    if (breach != null) {
                        ObligationOutcomes.addLateFulfilment(breach, f);
                    }
                } else if (event instanceof CallbackCompleted c) {
                    completedCallbacks.add(c.callbackId());
                }
            }
        }
        Compliance.Report whatIf = Compliance.summarise(
                from,
                to,
                groupBy,
                outcomes,
                d -> completedCallbacks.contains(Compliance.callbackOf(d.getString("_id"))));
        AppliedRules appliedRules = new AppliedRules(
                whatIfProperties.replyEvery(), whatIfProperties.replyClock(), whatIfProperties.callbackDue(), applied);
        return new Report(
                from,
                to,
                whatIf.groupBy(),
                appliedRules,
                compliance.report(from, to, groupBy),
                whatIf,
                List.copyOf(ignored),
                replayed,
                skipped);
    }

    private static EstateCalendar calendar(String estateId, EstateConfigured estate, EstateRules override) {
        LocalTime start = first(override.workdayStart(), estate.workdayStart());
        LocalTime end = first(override.workdayEnd(), estate.workdayEnd());
        if (!end.isAfter(start)) {
            throw new BadRequestException(
                    "estates." + estateId + ".workdayEnd", "the working day must end after it starts (" + start + ")");
        }
        Set<DayOfWeek> days = first(override.workingDays(), estate.workingDays());
        if (days.isEmpty()) {
            throw new BadRequestException("estates." + estateId + ".workingDays", "needs at least one working day");
        }
        return new EstateCalendar(estate.zone(), start, end, days, estate.holidays());
    }

    /**
     * Whether a ledger can have an obligation counted in {@code [from, to)} under any rules: its obligations open on
     * the same facts whatever the rules (only how many reply windows or report days follow changes), so a ledger
     * without obligations has none, one whose first opens after the period counts nothing in it, and a finished one
     * quiet for long before the period is settled.
     */
    static boolean mayCount(LedgerView ledger, Instant from, Instant to) {
        if (ledger.obligations().isEmpty()) {
            return false;
        }
        Instant first = ledger.obligations().stream()
                .map(LedgerView.ObligationView::openedAt)
                .min(Instant::compareTo)
                .orElseThrow();
        if (!first.isBefore(to)) {
            return false;
        }
        if (ledger.active()) {
            return true;
        }
        Instant last = Stream.concat(
                        ledger.obligations().stream().flatMap(o -> Stream.of(o.openedAt(), o.dueAt(), o.closedAt())),
                        ledger.callbacks().stream()
                                .flatMap(c -> Stream.of(c.scheduledAt(), c.dueAt(), c.completedAt())))
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(first);
        return !last.plus(SETTLED_MARGIN).isBefore(from);
    }

    /** One ledger's stream from its first event (not from its snapshot): {@code _id} probes only. */
    private List<Object> recorded(String ticketId) {
        return store.readEvents(ticketId, 0)
                .asStream()
                .map(Message::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private static <T> T first(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
