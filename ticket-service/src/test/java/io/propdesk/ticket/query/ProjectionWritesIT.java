package io.propdesk.ticket.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.PublicEvent;
import io.propdesk.contracts.SlaRule;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.callback.StewardReplied;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.PolledRecords;
import io.propdesk.platform.testing.Tickets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Issue 19, measured: the store write commands (as the MongoDB driver sends them; a bulk write is one) that the
 * timeline and the ticket list cost for one scripted repair lifecycle, each commit's events delivered as one poll.
 * Before issue 19 every event cost a row update and an inbox marker write per projection.
 */
class ProjectionWritesIT {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");

    private final Map<String, Integer> writes = new ConcurrentHashMap<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(
                    new ConnectionString(SharedInfrastructure.get().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (WRITES.contains(event.getCommandName())) {
                        BsonDocument command = event.getCommand();
                        String collection =
                                command.getString(event.getCommandName()).getValue();
                        writes.merge(collection + " " + event.getCommandName(), 1, Integer::sum);
                    }
                }
            })
            .build());
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private long offset;

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aLifecycleCostsTheTimelineAndTheListOneWriteEachPerPollAndNoMarkers_issue19() {
        MongoDatabase db =
                client.getDatabase("writes_" + UUID.randomUUID().toString().substring(0, 8));
        InboundEvents inbound = new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none());
        Timeline timeline = new Timeline(db, inbound);
        TicketList list = new TicketList(db, inbound);

        List<List<ConsumerRecord<String, byte[]>>> commits = lifecycle();
        int events = commits.stream().mapToInt(List::size).sum();
        for (List<ConsumerRecord<String, byte[]>> poll : commits) {
            KafkaUtils.setConsumerGroupId(Timeline.GROUP);
            try {
                timeline.on(poll);
            } finally {
                KafkaUtils.clearConsumerGroupId();
            }
            if (poll.get(0).topic().equals(Topics.TICKET_EVENTS)) {
                KafkaUtils.setConsumerGroupId(TicketList.GROUP);
                try {
                    list.on(poll);
                } finally {
                    KafkaUtils.clearConsumerGroupId();
                }
            }
        }
        Map<String, Integer> counted = new TreeMap<>(writes);
        System.out.printf("issue 19 projection writes, %d events in %d polls: %s%n", events, commits.size(), counted);

        assertThat(timeline.of("T-1").orElseThrow()).hasSize(events);
        assertThat(counted.getOrDefault("inbox update", 0))
                .as("no inbox markers")
                .isZero();
        assertThat(counted.get(Timeline.COLLECTION + " update"))
                .as("one bulk write per poll")
                .isEqualTo(commits.size());
        assertThat(counted.get(TicketList.COLLECTION + " update"))
                .as("the list's writes: the opening and the close")
                .isEqualTo(2);
    }

    /** A repair with a call: each inner list is one commit of one aggregate, delivered as one poll. */
    private List<List<ConsumerRecord<String, byte[]>>> lifecycle() {
        List<List<ConsumerRecord<String, byte[]>>> commits = new ArrayList<>();
        commits.add(List.of(record(Topics.TICKET_EVENTS, "C-1", 0, started())));
        commits.add(List.of(record(Topics.TICKET_EVENTS, "T-1", 0, Tickets.aRepair("T-1"))));
        commits.add(List.of(record(Topics.TICKET_EVENTS, "C-1", 1, new CallLinked("C-1", "T-1", at))));
        commits.add(List.of(record(Topics.TICKET_EVENTS, "C-1", 2, ended())));
        commits.add(List.of(record(Topics.CALLBACK_EVENTS, "T-1", 0, new StewardAssigned("T-1", "li", null, at))));
        commits.add(List.of(record(
                Topics.DISPATCH_EVENTS,
                "WO-1",
                1,
                new OrderPickedUp("T-1", "WO-1", Department.ENGINEERING, "lead", "fitter", at))));
        commits.add(List.of(
                record(Topics.BILLING_EVENTS, "Q-1", 1, new QuoteAccepted("T-1", "Q-1", "WO-1", "d", at, "d", "u"))));
        commits.add(List.of(
                record(Topics.DISPATCH_EVENTS, "WO-1", 2, new WorkStarted("T-1", "WO-1", "Q-1", "fitter", at))));
        commits.add(List.of(record(
                Topics.DISPATCH_EVENTS,
                "WO-1",
                3,
                new OrderCompleted(
                        "T-1",
                        "WO-1",
                        "sunrise",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        true,
                        "fitter",
                        "ok",
                        at))));
        commits.add(List.of(record(
                Topics.DISPATCH_EVENTS,
                "WO-1",
                4,
                new OrderReturned(
                        "T-1",
                        "WO-1",
                        "sunrise",
                        TicketKind.REPAIR,
                        Department.ENGINEERING,
                        true,
                        "lead",
                        "done",
                        at,
                        at,
                        false,
                        at))));
        commits.add(List.of(
                record(Topics.CALLBACK_EVENTS, "T-1", 1, new StewardReplied("T-1", "li", "fixed", at)),
                record(
                        Topics.CALLBACK_EVENTS,
                        "T-1",
                        2,
                        new ObligationWithdrawn("T-1", null, "OB-1", SlaRule.R4, "replied", at))));
        commits.add(List.of(
                record(Topics.CALLBACK_EVENTS, "T-1", 3, new ComplaintSignedOff("T-1", "li", "ok", at)),
                record(Topics.CALLBACK_EVENTS, "T-1", 4, new FollowUpClosed("T-1", "signed off", at))));
        commits.add(List.of(record(Topics.TICKET_EVENTS, "T-1", 1, new TicketClosed("T-1", "satisfied", at))));
        return commits;
    }

    private CallStarted started() {
        return new CallStarted(
                "C-1", CallDirection.IN, "sealed", "400", List.of(), null, "sunrise", null, null, List.of(), at);
    }

    private CallEnded ended() {
        return new CallEnded(
                "C-1",
                CallDirection.IN,
                HangupCause.NORMAL_CLEARING,
                true,
                60,
                "T-1",
                "sunrise",
                null,
                null,
                List.of(),
                at,
                at);
    }

    private ConsumerRecord<String, byte[]> record(String topic, String aggregateId, long seq, PublicEvent event) {
        Envelope envelope = Envelope.of(UUID.randomUUID().toString(), at.plusMillis(offset), event, aggregateId, seq);
        return PolledRecords.of(topic, offset++, envelope);
    }
}
