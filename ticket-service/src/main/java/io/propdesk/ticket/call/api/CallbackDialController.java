package io.propdesk.ticket.call.api;

import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.access.Role;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.security.ForbiddenException;
import io.propdesk.platform.security.Staff;
import io.propdesk.ticket.call.domain.CallLog;
import io.propdesk.ticket.call.domain.CallView;
import io.propdesk.ticket.call.domain.DialableCallbacks;
import io.propdesk.ticket.domain.EstateDirectory;
import io.propdesk.ticket.domain.TicketIntake;
import io.propdesk.ticket.domain.TicketView;
import io.propdesk.ticket.privacy.PersonalData;
import io.propdesk.ticket.privacy.PhoneNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * §4: a scheduled callback dialled. Only ticket-service can open the owner's number, so it answers the number to dial
 * (E.164, in the clear) to a caller of a rank the callback admits (C2: a MAJOR complaint's callback only to a manager,
 * supervisor or team leader, the MANAGER role) and starts the outbound call (CallStarted with the callback's id). The
 * phone system then reports that call's events under the answered call id; its CallEnded names the callback.
 */
@RestController
public class CallbackDialController {

    private final DialableCallbacks callbacks;
    private final TicketIntake tickets;
    private final EstateDirectory estates;
    private final CallLog calls;
    private final PhoneNumbers phoneNumbers;

    public CallbackDialController(
            DialableCallbacks callbacks,
            TicketIntake tickets,
            EstateDirectory estates,
            CallLog calls,
            PhoneNumbers phoneNumbers) {
        this.callbacks = callbacks;
        this.tickets = tickets;
        this.estates = estates;
        this.calls = calls;
        this.phoneNumbers = phoneNumbers;
    }

    /** @param line the desk's line or extension the call goes out on; default the estate's first hotline */
    public record DialRequest(@Size(max = 64) String line) {}

    /** The number to dial and the call id the phone system reports the call under. */
    public record Dial(String callId, String number, String callbackId, String ticketId) {

        @Override
        public String toString() {
            return "Dial[callId=" + callId + ", number=***, callbackId=" + callbackId + "]";
        }
    }

    @PostMapping("/api/callbacks/{callbackId}/dial")
    public ResponseEntity<Dial> dial(
            @PathVariable String callbackId, @Valid @RequestBody(required = false) DialRequest body) {
        DialableCallbacks.Dialable callback =
                callbacks.find(callbackId).orElseThrow(() -> new NotFoundException("callback", callbackId));
        if (callback.completedAt() != null) {
            throw new RuleViolationException(
                    "R5",
                    "callback " + callbackId + " was completed at " + callback.completedAt() + "; nothing to dial");
        }
        Staff caller = Staff.current();
        if (ranksOf(caller).stream().noneMatch(callback.allowedRoles()::contains)) {
            throw new ForbiddenException("C2: callback " + callbackId + " is made by one of "
                    + callback.allowedRoles() + "; " + caller.name() + " has " + caller.roles()
                    + " (MANAGER stands for manager, supervisor and team leader)");
        }
        TicketView ticket = tickets.find(callback.ticketId())
                .orElseThrow(() -> new RuleViolationException(
                        "R5", "callback " + callbackId + " names ticket " + callback.ticketId() + ", unknown here"));
        String number = dialable(ticket);
        String line = body != null && body.line() != null && !body.line().isBlank()
                ? body.line().trim()
                : estates.find(ticket.estateId())
                        .flatMap(e -> e.hotlines().stream().findFirst())
                        .orElse("unknown");
        CallView call = calls.dial(callbackId, ticket.ownerId(), ticket.estateId(), number, line, caller.name());
        callbacks.dialled(callback, call.callId());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/calls/" + call.callId()))
                .body(new Dial(call.callId(), number, callbackId, ticket.ticketId()));
    }

    private String dialable(TicketView ticket) {
        String phone = ticket.callerPhone();
        if (phone == null || phone.isBlank() || PersonalData.ERASED.equals(phone)) {
            throw new RuleViolationException(
                    "R5", "the owner's number on ticket " + ticket.ticketId() + " was erased or never given");
        }
        try {
            return phoneNumbers.e164("callerPhone", phone);
        } catch (RuntimeException notANumber) {
            throw new RuleViolationException(
                    "R5", "the caller's phone on ticket " + ticket.ticketId() + " is no number that can be dialled");
        }
    }

    /** C2: the MANAGER role stands for every senior rank; the front desk are the duty staff. */
    static Set<CallerRole> ranksOf(Staff caller) {
        Set<CallerRole> ranks = EnumSet.noneOf(CallerRole.class);
        if (caller.has(Role.MANAGER)) {
            ranks.addAll(EnumSet.of(CallerRole.MANAGER, CallerRole.SUPERVISOR, CallerRole.TEAM_LEADER));
        }
        if (caller.has(Role.FRONT_DESK)) {
            ranks.add(CallerRole.DUTY_STAFF);
        }
        return ranks;
    }
}
