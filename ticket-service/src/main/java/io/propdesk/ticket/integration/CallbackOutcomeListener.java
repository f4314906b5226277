package io.propdesk.ticket.integration;

import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.platform.eventstore.EventStreams;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.ticket.domain.CloseTicket;
import io.propdesk.ticket.domain.NoteComplaintSignOff;
import io.propdesk.ticket.domain.ReopenTicket;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The front desk's follow-up decides the ticket's fate (R5, C3, H5): a satisfied callback closes it, an unsatisfied
 * one reopens it, and a complaint closes only after its steward's sign-off. A close refused under C3 is not retried:
 * it goes to the dead-letter topic with the reason.
 */
@Component
public class CallbackOutcomeListener {

    public static final String GROUP = "ticket-service.callback-outcomes";

    private static final Logger log = LoggerFactory.getLogger(CallbackOutcomeListener.class);

    private final InboundEvents inbound;
    private final CommandGateway commands;
    private final EventStreams store;

    public CallbackOutcomeListener(InboundEvents inbound, CommandGateway commands, EventStreams store) {
        this.inbound = inbound;
        this.commands = commands;
        this.store = store;
    }

    @KafkaListener(topics = Topics.CALLBACK_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only sign-offs and completed callbacks are acted on, so only they are marked
        inbound.handle(poll, Set.of(ComplaintSignedOff.class, CallbackCompleted.class), event -> {
            if (event.data() instanceof PublicEvent e && e.ticketId() != null && !store.hasStream(e.ticketId())) {
                // A contract visit (H1) is dispatch's own ticket with no front-desk ticket behind it: nothing
                // to close.
                log.info("callback outcome for {} which has no front-desk ticket; nothing to close", e.ticketId());
                return;
            }
            if (event.data() instanceof ComplaintSignedOff signedOff) {
                commands.sendAndWait(
                        new NoteComplaintSignOff(signedOff.ticketId(), signedOff.stewardId(), signedOff.signedOffAt()));
            } else if (event.data() instanceof CallbackCompleted done && done.satisfied()) {
                commands.sendAndWait(new CloseTicket(
                        done.ticketId(),
                        done.callbackId(),
                        "owner satisfied on callback " + done.callbackId(),
                        done.completedAt()));
            } else if (event.data() instanceof CallbackCompleted done) {
                commands.sendAndWait(new ReopenTicket(
                        done.ticketId(),
                        done.callbackId(),
                        "owner not satisfied on callback " + done.callbackId()
                                + (done.comment() == null ? "" : ": " + done.comment()),
                        done.completedAt()));
            }
        });
    }
}
