package io.propdesk.ticket.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PersonalData;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * Registers calls (R1), from the REST API and from the call center's topic alike. The ticket id of a call is derived
 * from its call id, so the same call can only ever create one stream: a repeat, or a racing duplicate that loses on
 * the store's unique commit id, answers with the ticket that exists, but only when it is the same call (R1):
 * a different call under a used call id is a {@link CallIdConflictException}.
 */
@Service
public class TicketIntake {

    private final CommandGateway commands;
    private final Repository<Ticket> tickets;
    private final EstateDirectory estates;
    private final Clock clock;
    private final AggregateReads reads;
    private final MeterRegistry meters;
    private final PersonalData personal;

    public TicketIntake(
            CommandGateway commands,
            Repository<Ticket> tickets,
            EstateDirectory estates,
            Clock clock,
            AggregateReads reads,
            MeterRegistry meters,
            PersonalData personal) {
        this.personal = personal;
        this.reads = reads;
        this.meters = meters;
        this.commands = commands;
        this.tickets = tickets;
        this.estates = estates;
        this.clock = clock;
    }

    /** What a caller asks for; the directory supplies area, building and steward. */
    public record Call(
            String callId,
            String estateId,
            String unitId,
            TicketKind kind,
            Boolean paid,
            Severity severity,
            String description,
            String callerName,
            String callerPhone,
            Channel channel,
            String acceptor,
            Instant receivedAt,
            Instant serviceTime) {

        /** Never the caller's name or phone: a call may end up in a log line. */
        @Override
        public String toString() {
            return "Call[callId=" + callId + ", estateId=" + estateId + ", unitId=" + unitId + ", kind=" + kind
                    + ", callerName=***, callerPhone=***]";
        }
    }

    public record Registered(TicketView ticket, boolean created) {}

    public Registered register(Call call) {
        String ticketId = call.callId() == null ? "T-" + UUID.randomUUID() : ticketIdForCall(call.callId());
        if (call.callId() != null) {
            Optional<TicketView> existing = find(ticketId);
            if (existing.isPresent()) {
                return replay(call, existing.get());
            }
        }
        EstateConfigured estate = estates.find(call.estateId())
                .orElseThrow(
                        () -> new BadRequestException("estateId", "estate " + call.estateId() + " does not exist"));
        EstateConfigured.Building building = estate.buildingOfUnit(call.unitId())
                .orElseThrow(() -> new BadRequestException(
                        "unitId", "unit " + call.unitId() + " does not exist in estate " + call.estateId()));
        Instant now = clock.instant();
        // the caller's name and phone are stored and published sealed with the owner's key, never in the clear
        String[] caller =
                personal.seal(OwnerKeys.ownerOf(call.estateId(), call.unitId()), call.callerName(), call.callerPhone());
        OpenTicket open = new OpenTicket(
                ticketId,
                call.callId(),
                call.estateId(),
                building.areaId(),
                building.buildingId(),
                call.unitId(),
                call.kind(),
                call.paid(),
                call.severity(),
                call.description(),
                caller[0],
                caller[1],
                call.channel() == null ? Channel.PHONE : call.channel(),
                call.acceptor(),
                building.stewardId(),
                call.receivedAt() == null ? now : call.receivedAt(),
                call.serviceTime(),
                now);
        try {
            commands.sendAndWait(open);
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            if (call.callId() == null) {
                throw raced;
            }
            // R1: a racing request with the same call id created it first; both answer with that ticket.
            return replay(call, find(ticketId).orElseThrow(() -> raced));
        }
        meters.counter("propdesk.tickets.opened", "kind", call.kind().name(), "estate", call.estateId())
                .increment();
        // the new ticket answers with the caller it was just given, without opening what was just sealed
        TicketView created = reads.read(tickets, ticketId, TicketView::of).orElseThrow();
        return new Registered(created.withCaller(call.callerName(), call.callerPhone()), true);
    }

    /**
     * R1: a repeat answers with the existing ticket only when it is the same call, so a used call id
     * never discloses another call. The caller's name and phone are compared with the stored sealed values opened.
     */
    private Registered replay(Call call, TicketView existing) {
        if (!sameCall(call, existing)) {
            throw new CallIdConflictException(call.callId());
        }
        return new Registered(existing, false);
    }

    /**
     * The fields a call consists of; {@code paid}, {@code receivedAt} and {@code serviceTime} only when the repeat
     * gives them (the first registration may have decided or defaulted them). After the owner's erasure the stored
     * name and phone open as {@code [erased]} and cannot be compared: the repeat is then judged by the other fields
     * and answers with the erased ticket, which discloses nothing and opens no second ticket for a re-delivered call.
     */
    static boolean sameCall(Call call, TicketView existing) {
        boolean erased =
                PersonalData.ERASED.equals(existing.callerName()) || PersonalData.ERASED.equals(existing.callerPhone());
        return Objects.equals(call.estateId(), existing.estateId())
                && Objects.equals(call.unitId(), existing.unitId())
                && call.kind() == existing.kind()
                && (call.paid() == null || call.paid() == existing.paid())
                && call.severity() == existing.severity()
                && Objects.equals(call.description(), existing.description())
                && (erased
                        || Objects.equals(call.callerName(), existing.callerName())
                                && Objects.equals(call.callerPhone(), existing.callerPhone()))
                && (call.receivedAt() == null || call.receivedAt().equals(existing.receivedAt()))
                && (call.serviceTime() == null || call.serviceTime().equals(existing.serviceTime()));
    }

    public Optional<TicketView> find(String ticketId) {
        return reads.read(tickets, ticketId, TicketView::of).map(view -> view.opened(personal));
    }

    /** R1: one ticket per call; public because GET /api/tickets?callId= finds a call's ticket by it. */
    public static String ticketIdForCall(String callId) {
        return "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
    }
}
