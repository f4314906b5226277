package io.propdesk.callback.calls;

import io.propdesk.callback.calls.MissedCallCommands.EndsTheWait;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.platform.axon.AggregateReads;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * The one door to the missed calls (M1), for the call listener and the ticker: marks the call, sends the command and
 * puts what the call waits for next into {@link MissedCallDeadlines}, read from the call's own stream. A command that
 * {@linkplain EndsTheWait ends the wait} is not marked (issue 19): the mark only keeps a call that may wait afterwards
 * to be read again at the next start, and after it the call waits for nothing, so a crash before the refresh leaves
 * at most a document from before, which the next start reads again and removes.
 */
@Service
public class MissedCallDesk {

    private final CommandGateway commands;
    private final Repository<MissedCall> calls;
    private final AggregateReads reads;
    private final MissedCallDeadlines deadlines;
    private final DueTimes due;

    public MissedCallDesk(
            CommandGateway commands,
            Repository<MissedCall> calls,
            AggregateReads reads,
            MissedCallDeadlines deadlines,
            DueTimes due) {
        this.commands = commands;
        this.calls = calls;
        this.reads = reads;
        this.deadlines = deadlines;
        this.due = due;
    }

    public void send(String callId, Object command) {
        if (!(command instanceof EndsTheWait)) {
            deadlines.mark(callId);
        }
        commands.sendAndWait(command);
        refresh(callId);
    }

    /** Reads the call again and records what it waits for (nothing: its entry goes). */
    public void refresh(String callId) {
        Instant next = reads.read(calls, callId, call -> call.nextDeadline(due)).orElse(null);
        deadlines.put(callId, next);
    }
}
