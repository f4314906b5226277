package io.propdesk.ticket.call.integration;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.platform.eventstore.EventStreams;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.ticket.call.domain.Call;
import io.propdesk.ticket.call.domain.LinkCall;
import io.propdesk.ticket.domain.TicketIntake;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * R1, R10: a ticket opened with a call's id (REST or the call center's topic) is linked to the call, whichever of the
 * two comes first. Each side checks the other's stream in the event store, which holds an event before it is
 * published: whichever of TicketOpened and CallStarted is handled second finds the other, so no order loses the link.
 */
@Component
public class CallTicketLinker {

    public static final String GROUP = "ticket-service.call-links";

    private final InboundEvents inbound;
    private final CommandGateway commands;
    private final EventStreams store;

    public CallTicketLinker(InboundEvents inbound, CommandGateway commands, EventStreams store) {
        this.inbound = inbound;
        this.commands = commands;
        this.store = store;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked
        inbound.handle(poll, Set.of(TicketOpened.class, CallStarted.class), event -> {
            if (event.data() instanceof TicketOpened opened
                    && opened.callId() != null
                    && store.hasStream(Call.streamOf(opened.callId()))) {
                commands.sendAndWait(new LinkCall(opened.callId(), opened.ticketId(), opened.openedAt()));
            } else if (event.data() instanceof CallStarted started) {
                String ticketId = TicketIntake.ticketIdForCall(started.callId());
                if (store.hasStream(ticketId)) {
                    commands.sendAndWait(new LinkCall(started.callId(), ticketId, event.time()));
                }
            }
        });
    }
}
