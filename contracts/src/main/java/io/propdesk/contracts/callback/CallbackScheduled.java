package io.propdesk.contracts.callback;

import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The owner is due a callback after the work (R5 for every repair, H5 for housekeeping, C2 for
 * complaints); the acceptor owns it.
 *
 * @param orderId      the completed order being called back on; null for a complaint handled without one
 * @param severity     the complaint's severity; null for other kinds
 * @param allowedRoles who may make the call: only manager, supervisor or team leader for a MAJOR complaint (C2)
 * @param ownerId      the owner to call ({@code estate:unit}), for a dialler; null when the ticket names no unit (and
 *                     for callbacks scheduled before the field existed)
 * @param callerPhone  the number to dial, SEALED as TicketOpened carries it (personal data of the owner); null for
 *                     a ticket without one (a contract visit)
 */
public record CallbackScheduled(
        String ticketId,
        String callbackId,
        @Nullable String orderId,
        TicketKind kind,
        Severity severity,
        String acceptor,
        Set<CallerRole> allowedRoles,
        Instant dueAt,
        Instant scheduledAt,
        @Nullable String ownerId,
        @Nullable String callerPhone)
        implements PublicEvent {

    public CallbackScheduled {
        allowedRoles = allowedRoles == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(allowedRoles));
    }
}
