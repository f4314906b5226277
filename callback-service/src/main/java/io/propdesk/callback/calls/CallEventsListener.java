package io.propdesk.callback.calls;

import io.propdesk.callback.calls.MissedCallCommands.NoteCallTicket;
import io.propdesk.callback.calls.MissedCallCommands.NoteInboundCallAnswered;
import io.propdesk.callback.calls.MissedCallCommands.NoteInboundCallEnded;
import io.propdesk.callback.calls.MissedCallCommands.NoteReturnCall;
import io.propdesk.callback.domain.CallbackIds;
import io.propdesk.callback.domain.LedgerDesk;
import io.propdesk.callback.domain.NoteCallbackCall;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.platform.kafka.InboundEvents;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The call log's events in (issue 16): inbound calls are watched for M1 (missed calls returned), outbound calls that
 * return them fulfil or close them, tickets opened with a call's id withdraw them; an outbound call dialled for a
 * callback records its outcome on that callback when it ends (R5, H5, C2). Every command is idempotent by the
 * aggregates' own facts, on top of the inbox's dedupe, and decides from the facts in whatever order they come.
 */
@Component
public class CallEventsListener {

    public static final String GROUP = "callback-service.missed-calls";

    private static final Logger log = LoggerFactory.getLogger(CallEventsListener.class);

    /** Who an attempt is recorded under when the phone system named no agent. */
    static final String PHONE_SYSTEM = "phone system";

    private final InboundEvents inbound;
    private final MissedCallDesk missedCalls;
    private final OutboundCalls outbound;
    private final LedgerDesk ledgers;

    public CallEventsListener(
            InboundEvents inbound, MissedCallDesk missedCalls, OutboundCalls outbound, LedgerDesk ledgers) {
        this.inbound = inbound;
        this.missedCalls = missedCalls;
        this.outbound = outbound;
        this.ledgers = ledgers;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = GROUP, batch = "true")
    public void onTicketEvent(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked
        inbound.handle(
                poll,
                Set.of(CallStarted.class, CallAnswered.class, CallEnded.class, CallLinked.class, TicketOpened.class),
                event -> {
                    Object data = event.data();
                    if (data instanceof CallStarted s) {
                        started(s);
                    } else if (data instanceof CallAnswered a) {
                        answered(a);
                    } else if (data instanceof CallEnded e) {
                        ended(e);
                    } else if (data instanceof CallLinked l) {
                        missedCalls.send(l.callId(), new NoteCallTicket(l.callId(), l.linkedTicketId(), l.linkedAt()));
                    } else if (data instanceof TicketOpened o && o.callId() != null) {
                        // M1: a ticket opened with the call's id (also through CallRegistered) means it was no missed
                        // call
                        missedCalls.send(o.callId(), new NoteCallTicket(o.callId(), o.ticketId(), o.openedAt()));
                    }
                });
    }

    private void started(CallStarted s) {
        if (s.direction() == CallDirection.OUT && (!s.returnsCallIds().isEmpty() || s.callbackId() != null)) {
            outbound.remember(s.callId(), new OutboundCalls.Dialled(s.returnsCallIds(), s.users()));
        }
    }

    private void answered(CallAnswered a) {
        if (a.direction() == CallDirection.IN) {
            missedCalls.send(a.callId(), new NoteInboundCallAnswered(a.callId(), a.answeredAt()));
            return;
        }
        // M1: the owner answered a return call; its CallAnswered does not name the calls it returns, CallStarted did
        for (String returned : outbound.find(a.callId())
                .map(OutboundCalls.Dialled::returnsCallIds)
                .orElse(List.of())) {
            missedCalls.send(returned, new NoteReturnCall(returned, a.callId(), true, a.answeredAt()));
        }
    }

    private void ended(CallEnded e) {
        if (e.direction() == CallDirection.IN) {
            missedCalls.send(
                    e.callId(),
                    new NoteInboundCallEnded(
                            e.callId(),
                            e.cause(),
                            e.answered(),
                            e.linkedTicketId(),
                            e.estateId(),
                            e.ownerId(),
                            e.endedAt()));
            return;
        }
        // an answered call was answered when its talk time began; an unanswered one is an attempt when it ended
        Instant at = e.answered() ? e.endedAt().minusSeconds(e.durationSeconds()) : e.endedAt();
        for (String returned : e.returnsCallIds()) {
            missedCalls.send(returned, new NoteReturnCall(returned, e.callId(), e.answered(), at));
        }
        if (e.callbackId() != null) {
            dialledCallbackEnded(e, at);
        }
    }

    /** R5, H5, C2: the call dialled for a callback records its outcome on the callback by itself. */
    private void dialledCallbackEnded(CallEnded e, Instant at) {
        String ticketId = CallbackIds.ticketOf(e.callbackId()).orElse(null);
        if (ticketId == null || ledgers.find(ticketId).isEmpty()) {
            log.warn("call {} names callback {}, which no ledger holds; nothing recorded", e.callId(), e.callbackId());
            return;
        }
        String caller = outbound.find(e.callId())
                .map(OutboundCalls.Dialled::users)
                .filter(users -> !users.isEmpty())
                .map(users -> users.get(0))
                .orElse(PHONE_SYSTEM);
        String note = e.answered() ? null : "no answer (call " + e.callId() + ", " + causeName(e.cause()) + ")";
        ledgers.send(
                ticketId, new NoteCallbackCall(ticketId, e.callbackId(), e.callId(), e.answered(), caller, note, at));
    }

    /** The cause as the phone system sent it (Zammad's generic CTI names: noAnswer, busy, normalClearing...). */
    static String causeName(HangupCause cause) {
        if (cause == null) {
            return "no cause given";
        }
        String[] words = cause.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
