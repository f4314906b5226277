package io.propdesk.ticket.call.api;

import io.propdesk.contracts.access.Access;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.security.Staff;
import io.propdesk.ticket.call.domain.CallLog;
import io.propdesk.ticket.call.domain.CallView;
import io.propdesk.ticket.call.domain.DialableCallbacks;
import io.propdesk.ticket.domain.TicketIntake;
import io.propdesk.ticket.domain.TicketView;
import io.propdesk.ticket.privacy.PersonalData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call log (issue 16 §1): a call by its id, and a ticket's calls (the call it was opened during, and the calls
 * placed to make its callbacks), read from the calls' own streams. The numbers are opened for a role that may read a
 * ticket's caller (the access table's ticket row decides, as for tickets); any other role gets them withheld (null).
 */
@RestController
@RequestMapping("/api/calls")
public class CallController {

    private final CallLog calls;
    private final TicketIntake tickets;
    private final DialableCallbacks callbacks;
    private final PersonalData personal;

    public CallController(CallLog calls, TicketIntake tickets, DialableCallbacks callbacks, PersonalData personal) {
        this.calls = calls;
        this.tickets = tickets;
        this.callbacks = callbacks;
        this.personal = personal;
    }

    @GetMapping("/{callId}")
    public CallView get(@PathVariable String callId) {
        return calls.find(callId).map(numbersFor()).orElseThrow(() -> new NotFoundException("call", callId));
    }

    /** A ticket's calls, oldest first: 404 for an unknown ticket, an empty list for a ticket without calls. */
    @GetMapping
    public List<CallView> ofTicket(@RequestParam(required = false) String ticketId) {
        if (ticketId == null || ticketId.isBlank()) {
            throw new BadRequestException("ticketId", "name the ticket whose calls to list");
        }
        TicketView ticket = tickets.find(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
        Set<String> callIds = new LinkedHashSet<>();
        if (ticket.callId() != null) {
            callIds.add(ticket.callId());
        }
        callbacks.ofTicket(ticketId).forEach(callIds::add);
        UnaryOperator<CallView> numbers = numbersFor();
        List<CallView> found = new ArrayList<>();
        for (String callId : callIds) {
            calls.find(callId).map(numbers).ifPresent(found::add);
        }
        found.sort(Comparator.comparing(CallView::startedAt).thenComparing(CallView::callId));
        return found;
    }

    private UnaryOperator<CallView> numbersFor() {
        Staff caller = Staff.current();
        boolean mayRead = Access.find("ticket", "GET", "/api/tickets/any")
                .map(row -> caller.roles().stream().anyMatch(row::admits))
                .orElse(false);
        if (!mayRead) {
            return call -> call.withNumbers(number -> null);
        }
        UnaryOperator<String> opener = personal.opener();
        return call -> call.withNumbers(opener);
    }
}
