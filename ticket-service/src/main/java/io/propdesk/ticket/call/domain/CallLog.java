package io.propdesk.ticket.call.domain;

import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.ticket.caller.CallerIndex;
import io.propdesk.ticket.domain.EstateDirectory;
import io.propdesk.ticket.privacy.BlindIndex;
import io.propdesk.ticket.privacy.PersonalData;
import io.propdesk.ticket.privacy.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * The call log (issue 16): takes the phone system's events, resolves what the first event of a call needs (the
 * outside number's owner and estate, the called hotline's estate, the missed calls an outbound call returns) and hands
 * the call its event with both numbers sealed: under the owner's key when exactly one owner has the outside number,
 * else under a key of the number's own ({@link #numberKeyOwner}), erasable by number. A number is held in the clear
 * only for the length of a request.
 */
@Service
public class CallLog {

    /** M1: an outbound call returns the unanswered inbound calls of the same number this far back. */
    static final Duration RETURNS_WITHIN = Duration.ofDays(7);

    private static final String NUMBER_KEY_PREFIX = "phone:";

    /** The key of what is no phone number ("anonymous", an extension): nobody's, and nothing to find it by. */
    static final String WITHHELD = NUMBER_KEY_PREFIX + "withheld";

    private final CommandGateway commands;
    private final Repository<Call> calls;
    private final AggregateReads reads;
    private final PersonalData personal;
    private final PhoneNumbers phoneNumbers;
    private final BlindIndex blindIndex;
    private final CallerIndex callers;
    private final EstateDirectory estates;
    private final CallNumbers callNumbers;
    private final Clock clock;

    public CallLog(
            CommandGateway commands,
            Repository<Call> calls,
            AggregateReads reads,
            PersonalData personal,
            PhoneNumbers phoneNumbers,
            BlindIndex blindIndex,
            CallerIndex callers,
            EstateDirectory estates,
            CallNumbers callNumbers,
            Clock clock) {
        this.commands = commands;
        this.calls = calls;
        this.reads = reads;
        this.personal = personal;
        this.phoneNumbers = phoneNumbers;
        this.blindIndex = blindIndex;
        this.callers = callers;
        this.estates = estates;
        this.callNumbers = callNumbers;
        this.clock = clock;
    }

    /** An event as the phone system sent it, checked for form; numbers in the clear. */
    public record Report(
            String callId,
            CtiEvent event,
            CallDirection direction,
            String from,
            String to,
            List<String> users,
            String queue,
            String answeringNumber,
            HangupCause cause,
            String callbackId) {

        @Override
        public String toString() {
            return "Report[callId=" + callId + ", event=" + event + ", from=***, to=***]";
        }
    }

    /** @param taken false when this event of this call had been taken before (a retry): nothing changed */
    public record Reported(String callId, CtiEvent event, boolean taken) {}

    public Reported report(Report report) {
        // empty: no such call yet; false: the call exists and this event of it is new
        Optional<Boolean> reported =
                reads.read(calls, Call.streamOf(report.callId()), call -> call.reported(report.event()));
        if (reported.orElse(false)) {
            return new Reported(report.callId(), report.event(), false);
        }
        ReportCallEvent command = reported.isPresent() ? laterEvent(report) : firstEvent(report, null, null);
        send(command);
        return new Reported(report.callId(), report.event(), true);
    }

    /**
     * §4: a call placed to make a scheduled callback, to the owner's number, sealed under the owner's key. It is the
     * call's {@code newCall}: the phone system's own {@code newCall} for it later changes nothing.
     */
    public CallView dial(String callbackId, String ownerId, String estateId, String e164, String line, String agent) {
        String callId = "dial-" + java.util.UUID.randomUUID();
        Report report = new Report(
                callId, CtiEvent.NEW_CALL, CallDirection.OUT, line, e164, List.of(agent), null, null, null, callbackId);
        send(firstEvent(report, ownerId, estateId));
        return find(callId).orElseThrow();
    }

    public Optional<CallView> find(String callId) {
        return reads.read(calls, Call.streamOf(callId), Call::view);
    }

    /** The key owner of a number that no single owner has: erasing it erases what was sealed under it. */
    public String numberKeyOwner(String e164) {
        return NUMBER_KEY_PREFIX + blindIndex.of(e164);
    }

    /** Erasure by number: the number's calls can no longer be found by it (its key is destroyed by the caller). */
    public boolean forgetNumber(String e164) {
        return callNumbers.forget(blindIndex.of(e164));
    }

    private ReportCallEvent laterEvent(Report r) {
        // the call's numbers, owner and estate were settled by its first event; later ones only say what happened
        return new ReportCallEvent(
                r.callId(),
                r.event(),
                r.direction(),
                null,
                null,
                r.users(),
                r.queue(),
                r.answeringNumber(),
                r.cause(),
                r.callbackId(),
                null,
                null,
                List.of(),
                clock.instant());
    }

    private ReportCallEvent firstEvent(Report r, String givenOwner, String givenEstate) {
        // a call starts with whichever event arrives first, so that event must say what a call is
        if (r.direction() == null) {
            throw new BadRequestException("direction", "the first event of a call must say in or out");
        }
        if (r.from() == null) {
            throw new BadRequestException("from", "the first event of a call must name the calling number");
        }
        if (r.to() == null) {
            throw new BadRequestException("to", "the first event of a call must name the called number");
        }
        Instant now = clock.instant();
        boolean inbound = r.direction() == CallDirection.IN;
        String outside = inbound ? r.from() : r.to();
        String inside = inbound ? r.to() : r.from();
        String outsideE164 = e164OrNull(outside);
        String ownerId = givenOwner;
        String estateId = givenEstate;
        if (ownerId == null && outsideE164 != null) {
            List<CallerIndex.Match> matches = callers.find(outsideE164);
            if (matches.size() == 1) {
                ownerId = matches.get(0).ownerId();
            }
            List<String> matchedEstates =
                    matches.stream().map(CallerIndex.Match::estateId).distinct().toList();
            if (matchedEstates.size() == 1) {
                estateId = matchedEstates.get(0);
            }
        }
        if (estateId == null) {
            String insideE164 = e164OrNull(inside);
            estateId = insideE164 == null
                    ? null
                    : estates.estateOfHotline(insideE164).orElse(null);
        }
        String keyOwner = ownerId != null ? ownerId : outsideE164 != null ? numberKeyOwner(outsideE164) : WITHHELD;
        String[] sealed = personal.seal(keyOwner, r.from(), r.to());
        List<String> returns = List.of();
        if (outsideE164 != null) {
            String index = blindIndex.of(outsideE164);
            if (!inbound) {
                returns = returnedCalls(index, r.callId(), now);
            }
            callNumbers.note(index, r.callId(), r.direction(), now);
        }
        return new ReportCallEvent(
                r.callId(),
                r.event(),
                r.direction(),
                sealed[0],
                sealed[1],
                r.users(),
                r.queue(),
                r.answeringNumber(),
                r.cause(),
                r.callbackId(),
                estateId,
                ownerId,
                returns,
                now);
    }

    /** M1: the number's inbound calls of the last 7 days that nobody answered and no ticket came of. */
    private List<String> returnedCalls(String index, String callId, Instant now) {
        List<String> returned = new ArrayList<>();
        for (CallNumbers.Entry earlier : callNumbers.since(index, now.minus(RETURNS_WITHIN))) {
            if (earlier.direction() == CallDirection.IN
                    && !earlier.callId().equals(callId)
                    && !returned.contains(earlier.callId())
                    && reads.read(calls, Call.streamOf(earlier.callId()), Call::unansweredInbound)
                            .orElse(false)) {
                returned.add(earlier.callId());
            }
        }
        return returned;
    }

    /** "anonymous", an extension or a withheld number is no phone number: it matches no one. */
    private String e164OrNull(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return phoneNumbers.e164("number", raw);
        } catch (BadRequestException notANumber) {
            return null;
        }
    }

    private void send(ReportCallEvent command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            // a racing first event of the same call created it: this one is now a later event of that call
            commands.sendAndWait(laterEvent(new Report(
                    command.callId(),
                    command.event(),
                    command.direction(),
                    null,
                    null,
                    command.users(),
                    command.queue(),
                    command.answeringNumber(),
                    command.cause(),
                    command.callbackId())));
        }
    }
}
