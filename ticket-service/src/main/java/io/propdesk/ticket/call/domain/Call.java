package io.propdesk.ticket.call.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.Snapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A phone call as the phone system reports it (issue 16): started by whichever of its events arrives first, answered,
 * ended, linked to the ticket opened during it (R1, R10). Each reported event counts once per call, so a retry changes
 * nothing; events may arrive in any order: a hangup before its answer ends a call that looked unanswered, and the late
 * answer still makes it answered (M1: it is no missed call). The stream is {@code call:<callId>}, so a phone system's
 * call id can never meet another aggregate's id in the shared event store.
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Call {

    private static final String STREAM_PREFIX = "call:";

    @AggregateIdentifier
    private String stream;

    private String callId;
    private CallStarted started;
    private Set<CtiEvent> reported = EnumSet.noneOf(CtiEvent.class);
    private CallAnswered answer;
    private CallEnded end;
    private String linkedTicketId;
    private Instant linkedAt;

    protected Call() {}

    public static String streamOf(String callId) {
        return STREAM_PREFIX + callId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReportCallEvent cmd) {
        if (reported.contains(cmd.event())) {
            return; // the phone system's retry: this event of this call was taken already
        }
        if (cmd.event() == CtiEvent.HANGUP && cmd.cause() == null) {
            throw new BadRequestException("cause", "a hangup must say why the call ended");
        }
        if (started == null) {
            if (cmd.direction() == null) {
                throw new BadRequestException("direction", "the first event of a call must say in or out");
            }
            apply(new CallStarted(
                    cmd.callId(),
                    cmd.direction(),
                    cmd.from(),
                    cmd.to(),
                    cmd.users(),
                    cmd.queue(),
                    cmd.estateId(),
                    cmd.ownerId(),
                    cmd.callbackId(),
                    cmd.direction() == CallDirection.OUT ? cmd.returnsCallIds() : List.of(),
                    cmd.at()));
        }
        apply(new CtiEventNoted(cmd.callId(), cmd.event()));
        switch (cmd.event()) {
            case NEW_CALL -> {}
            case ANSWER ->
                apply(new CallAnswered(
                        callId,
                        started.direction(),
                        cmd.users(),
                        cmd.answeringNumber(),
                        started.estateId(),
                        started.callbackId(),
                        cmd.at()));
            case HANGUP ->
                apply(new CallEnded(
                        callId,
                        started.direction(),
                        cmd.cause(),
                        answer != null,
                        answer == null ? 0 : talkSeconds(answer.answeredAt(), cmd.at()),
                        linkedTicketId,
                        started.estateId(),
                        started.ownerId(),
                        started.callbackId(),
                        started.returnsCallIds(),
                        started.startedAt(),
                        cmd.at()));
        }
    }

    /** R1: a call is linked to the one ticket opened with its id; linking it again changes nothing. */
    @CommandHandler
    public void handle(LinkCall cmd) {
        if (linkedTicketId != null) {
            return;
        }
        apply(new CallLinked(callId, cmd.ticketId(), cmd.at()));
    }

    private static int talkSeconds(Instant answeredAt, Instant endedAt) {
        return endedAt.isAfter(answeredAt)
                ? (int) Math.min(
                        Integer.MAX_VALUE, Duration.between(answeredAt, endedAt).toSeconds())
                : 0;
    }

    @EventSourcingHandler
    void on(CallStarted event) {
        stream = streamOf(event.callId());
        callId = event.callId();
        started = event;
    }

    @EventSourcingHandler
    void on(CtiEventNoted event) {
        reported.add(event.event());
    }

    @EventSourcingHandler
    void on(CallAnswered event) {
        answer = event;
    }

    @EventSourcingHandler
    void on(CallEnded event) {
        end = event;
    }

    @EventSourcingHandler
    void on(CallLinked event) {
        linkedTicketId = event.linkedTicketId();
        linkedAt = event.linkedAt();
    }

    /** The call as the call log answers it (numbers still sealed). */
    public CallView view() {
        return new CallView(
                callId,
                started.direction(),
                started.from(),
                started.to(),
                started.users(),
                started.queue(),
                started.estateId(),
                started.ownerId(),
                started.callbackId(),
                started.returnsCallIds(),
                answer != null,
                answer == null ? null : answer.answeringNumber(),
                answer == null ? List.of() : answer.users(),
                end == null ? null : end.cause(),
                end == null ? 0 : end.durationSeconds(),
                linkedTicketId,
                started.startedAt(),
                answer == null ? null : answer.answeredAt(),
                end == null ? null : end.endedAt(),
                linkedAt);
    }

    /** Whether an inbound call is still to be returned: nobody took it and no ticket came of it (M1). */
    public boolean unansweredInbound() {
        return started.direction() == CallDirection.IN && answer == null && linkedTicketId == null;
    }

    public Instant startedAt() {
        return started.startedAt();
    }

    /** Whether the phone system's event of this kind was taken for the call already. */
    public boolean reported(CtiEvent event) {
        return reported.contains(event);
    }
}
