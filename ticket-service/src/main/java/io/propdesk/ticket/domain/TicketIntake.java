package io.propdesk.ticket.domain;

import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PersonalData;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.web.BadRequestException;

/**
 * Registers calls (R1), from the REST API and from the call center's topic alike. The ticket id of a call is derived
 * from its call id, so the same call can only ever create one stream: a repeat, or a racing duplicate that loses on
 * the store's unique commit id, answers with the ticket that exists.
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

    public TicketIntake(CommandGateway commands, Repository<Ticket> tickets, EstateDirectory estates, Clock clock,
                        AggregateReads reads, MeterRegistry meters, PersonalData personal) {
        this.personal = personal;
        this.reads = reads;
        this.meters = meters;
        this.commands = commands;
        this.tickets = tickets;
        this.estates = estates;
        this.clock = clock;
    }

    /** What a caller asks for; the directory supplies area, building and steward. */
    public record Call(String callId, String estateId, String unitId, TicketKind kind, Boolean paid, Severity severity,
                       String description, String callerName, String callerPhone, Channel channel, String acceptor,
                       Instant receivedAt, Instant serviceTime) {

        /** Never the caller's name or phone: a call may end up in a log line. */
        @Override
        public String toString() {
            return "Call[callId=" + callId + ", estateId=" + estateId + ", unitId=" + unitId + ", kind=" + kind
                    + ", callerName=***, callerPhone=***]";
        }
    }

    public record Registered(TicketView ticket, boolean created) {
    }

    public Registered register(Call call) {
        String ticketId = call.callId() == null ? "T-" + UUID.randomUUID() : ticketIdForCall(call.callId());
        if (call.callId() != null) {
            Optional<TicketView> existing = find(ticketId);
            if (existing.isPresent()) {
                return new Registered(existing.get(), false);
            }
        }
        EstateConfigured estate = estates.find(call.estateId())
                .orElseThrow(() -> new BadRequestException("estateId", "estate " + call.estateId() + " does not exist"));
        EstateConfigured.Building building = estate.buildingOfUnit(call.unitId())
                .orElseThrow(() -> new BadRequestException("unitId",
                        "unit " + call.unitId() + " does not exist in estate " + call.estateId()));
        Instant now = clock.instant();
        // the caller's name and phone are stored and published sealed with the owner's key, never in the clear
        String[] caller = personal.seal(OwnerKeys.ownerOf(call.estateId(), call.unitId()), call.callerName(),
                call.callerPhone());
        OpenTicket open = new OpenTicket(ticketId, call.callId(), call.estateId(), building.areaId(),
                building.buildingId(), call.unitId(), call.kind(), call.paid(), call.severity(), call.description(),
                caller[0], caller[1], call.channel() == null ? Channel.PHONE : call.channel(),
                call.acceptor(), building.stewardId(), call.receivedAt() == null ? now : call.receivedAt(),
                call.serviceTime(), now);
        try {
            commands.sendAndWait(open);
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            if (call.callId() == null) {
                throw raced;
            }
            // R1: a racing request with the same call id created it first; both answer with that ticket.
            return new Registered(find(ticketId).orElseThrow(() -> raced), false);
        }
        meters.counter("propdesk.tickets.opened", "kind", call.kind().name(), "estate", call.estateId()).increment();
        // the new ticket answers with the caller it was just given, without opening what was just sealed
        TicketView created = reads.read(tickets, ticketId, TicketView::of).orElseThrow();
        return new Registered(created.withCaller(call.callerName(), call.callerPhone()), true);
    }

    public Optional<TicketView> find(String ticketId) {
        return reads.read(tickets, ticketId, TicketView::of).map(view -> view.opened(personal));
    }

    /** R1: one ticket per call; public because GET /api/tickets?callId= finds a call's ticket by it. */
    public static String ticketIdForCall(String callId) {
        return "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
    }
}
