package io.propdesk.callback.calls;

import io.propdesk.callback.domain.DueTimes;
import io.propdesk.platform.axon.AggregateReads;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * The one door to the missed calls (M1), for the call listener and the ticker: marks the call, sends the command and
 * puts what the call waits for next into {@link MissedCallDeadlines}, read from the call's own stream.
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
        deadlines.mark(callId);
        commands.sendAndWait(command);
        refresh(callId);
    }

    /** Reads the call again and records what it waits for (nothing: its entry goes). */
    public void refresh(String callId) {
        Instant next = reads.read(calls, callId, call -> call.nextDeadline(due)).orElse(null);
        deadlines.put(callId, next);
    }
}
