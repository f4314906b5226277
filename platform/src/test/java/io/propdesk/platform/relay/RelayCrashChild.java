package io.propdesk.platform.relay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.eventstore.FaultHook;
import io.propdesk.platform.eventstore.MongoEventStorageEngine;
import io.propdesk.platform.eventstore.OutboxTiming;
import io.propdesk.platform.testing.HaltingFaultHook;
import io.propdesk.platform.testing.Stores;
import io.propdesk.platform.testing.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The service side of {@link RelayCrashIT}, run in its own JVM so that it can die for real: appends ticket events
 * round by round (every seventh commit holds two events) while its relay publishes, until its
 * {@link HaltingFaultHook} halts the JVM at the fault point or the test kills it.
 * Arguments: mongoUri database kafka topic tickets rounds fault, fault being {@code POINT:n} or {@code none}.
 */
public final class RelayCrashChild {

    private RelayCrashChild() {}

    public static void main(String[] args) throws Exception {
        String mongoUri = args[0];
        String db = args[1];
        String kafka = args[2];
        String topic = args[3];
        int tickets = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        FaultHook fault = args[6].equals("none") ? FaultHook.NONE : HaltingFaultHook.parse(args[6]);
        MongoClient client = MongoClients.create(mongoUri);
        MongoDatabase database = client.getDatabase(db);
        // One hook for store and relay, as a service context wires its FaultHook bean into both.
        MongoEventStorageEngine engine = Stores.engine(database, OutboxTiming.DEFAULT, fault);
        EventRelay relay = Relays.start(
                "crash-svc",
                topic,
                database,
                engine,
                kafka,
                LeaseTiming.of(Duration.ofSeconds(2)),
                OutboxTiming.DEFAULT,
                Clock.systemUTC(),
                null,
                fault);
        int commits = 0;
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < tickets; t++) {
                String ticketId = "T-" + t;
                if (round == 0) {
                    engine.appendEvents(Tickets.opened(ticketId));
                } else if (round % 7 == 0) {
                    continue; // its events were appended with the previous round's commit
                } else if ((round + 1) % 7 == 0) {
                    engine.appendEvents(List.<DomainEventMessage<?>>of(
                            Tickets.closedAt(ticketId, round), Tickets.closedAt(ticketId, round + 1)));
                } else {
                    engine.appendEvents(Tickets.closedAt(ticketId, round));
                }
                if (++commits % 50 == 0) {
                    System.out.println("progress " + commits);
                }
            }
        }
        System.out.println("appended " + commits);
        Thread.sleep(60_000); // keep publishing until the test kills us
        relay.close();
        client.close();
    }
}
