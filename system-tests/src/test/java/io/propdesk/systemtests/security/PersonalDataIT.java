package io.propdesk.systemtests.security;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Topics;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.reliability.EffectCheck;
import io.propdesk.systemtests.reliability.Faults;
import io.propdesk.ticket.integration.CallCenterListener;
import io.propdesk.ticket.privacy.PersonalData;
import io.propdesk.ticket.query.Timeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Owners' personal data (issue 9): names and phones are sealed with a per-owner key before they are stored or
 * published, never reach the logs or the analytics, and {@code DELETE /api/owners/{id}/personal-data} makes them
 * unreadable everywhere (crypto-shredding) while the history stays complete and replayable.
 */
class PersonalDataIT {

    private static final String ESTATE = "privacy-court";

    @TempDir
    static Path dataDir;

    private static Running system;
    private static ServiceClient api;

    @BeforeAll
    static void startTheSystem() {
        system = PropDeskStandalone.start(Options.randomPorts(dataDir));
        api = ServiceClient.of(system);
        expect(api.put("ticket", "/api/estates/" + ESTATE, """
                {"name":"Privacy Court","timeZone":"Asia/Shanghai","areas":[{"areaId":"a","name":"A"}],
                 "buildings":[{"buildingId":"b","areaId":"a","stewardId":"steward-p",
                               "units":["u-erased","u-kept","u-logs","u-call","u-call-bad"]}]}"""), 200);
        expect(api.put("dispatch", "/api/teams/ENGINEERING/a", "{\"teamLeader\":\"tl-p\"}"), 200);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void erasingAnOwnerMakesTheirNameAndPhoneUnreadableEverywhereWhileTheHistoryStaysComplete() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "Zhang Erased " + run;
        String phone = "139" + Math.abs(run.hashCode() % 100_000_000L);
        String keptName = "Li Kept " + run;
        String ticketId = open("privacy-" + run, "u-erased", name, phone);
        String keptTicket = open("privacy-kept-" + run, "u-kept", keptName, "13700000001");

        // the front desk reads the caller; the ticket names whose data it is
        JsonNode ticket = api.get("ticket", "/api/tickets/" + ticketId).body();
        assertThat(ticket.get("callerName").asText()).isEqualTo(name);
        assertThat(ticket.get("callerPhone").asText()).isEqualTo(phone);
        String ownerId = ticket.get("ownerId").asText();
        assertThat(ownerId).isEqualTo(ESTATE + ":u-erased");
        awaitTimelineWith(ticketId, "OrderDispatched");
        assertThat(api.get("ticket", "/api/tickets/" + ticketId + "/timeline").raw())
                .contains(name);

        // stored and published only sealed: not on any topic, not in any database
        List<ConsumerRecord<String, byte[]>> published = everyRecord();
        assertThat(published).noneSatisfy(r -> assertThat(text(r)).contains(name));
        assertThat(published).noneSatisfy(r -> assertThat(text(r)).contains(phone));
        assertThat(published.stream().filter(r -> ticketId.equals(r.key())).map(PersonalDataIT::text))
                .anySatisfy(t -> assertThat(t).contains(PersonalData.PREFIX + ownerId + "#"));
        assertThat(everyStoredDocument())
                .noneSatisfy(d -> assertThat(d).contains(name))
                .noneSatisfy(d -> assertThat(d).contains(phone));
        long eventsBefore = Faults.storedEvents(system, "ticket");

        // ADMIN erases the owner; again later there is nothing more to destroy
        Reply erased = api.as("admin").delete("ticket", "/api/owners/" + ownerId + "/personal-data");
        expect(erased, 200);
        assertThat(erased.get("keysDestroyed").asInt()).isEqualTo(1);
        assertThat(erased.get("readable").asBoolean()).isFalse();
        assertThat(erased.get("lastErasedBy").asText()).isEqualTo("admin");
        Reply again = api.as("admin").delete("ticket", "/api/owners/" + ownerId + "/personal-data");
        expect(again, 200);
        assertThat(again.get("keysDestroyed").asInt()).isZero();
        assertThat(api.as("desk")
                        .delete("ticket", "/api/owners/" + ownerId + "/personal-data")
                        .status())
                .isEqualTo(403);
        assertThat(api.as("admin")
                        .delete("ticket", "/api/owners/" + ESTATE + ":nobody/personal-data")
                        .status())
                .isEqualTo(404);

        // the person is unreadable: from the ticket's stream, in the timeline, from the sealed values on Kafka
        JsonNode after = api.get("ticket", "/api/tickets/" + ticketId).body();
        assertThat(after.get("callerName").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(after.get("callerPhone").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(after.get("description").asText())
                .as("the rest of the ticket stays")
                .isEqualTo("Tap " + run);
        String timeline =
                api.get("ticket", "/api/tickets/" + ticketId + "/timeline").raw();
        assertThat(timeline).doesNotContain(name).doesNotContain(phone).contains(PersonalData.ERASED);
        PersonalData keys = system.context("ticket").getBean(PersonalData.class);
        for (String sealed : sealedValues(everyRecord(), ticketId)) {
            assertThat(keys.open(sealed)).isEqualTo(PersonalData.ERASED);
        }
        // the other owner is untouched
        assertThat(api.get("ticket", "/api/tickets/" + keptTicket)
                        .get("callerName")
                        .asText())
                .isEqualTo(keptName);

        // the history is complete and replayable: nothing was deleted, the aggregate loads after a restart, the
        // read models rebuild from the topics, and the rebuilt timeline holds the person only as [erased]
        assertThat(Faults.storedEvents(system, "ticket")).isEqualTo(eventsBefore);
        Faults.stopAbruptly(system, "ticket");
        system.startService("ticket");
        JsonNode replayed = eventually(r -> r.status() == 200, () -> api.get("ticket", "/api/tickets/" + ticketId))
                .body();
        assertThat(replayed.get("callerName").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(replayed.get("status").asText()).isEqualTo("OPEN");
        var list = Faults.rebuildTicketList(system);
        assertThat(list.get("rebuilt")).isEqualTo(list.get("live"));
        List<Timeline.Entry> rebuilt = rebuildTimeline(ticketId);
        assertThat(rebuilt)
                .extracting(Timeline.Entry::type)
                .anySatisfy(t -> assertThat(t).contains("TicketOpened"));
        PersonalData reopened = system.context("ticket").getBean(PersonalData.class);
        String rebuiltText =
                rebuilt.stream().map(e -> reopened.openAll(e.data()).toString()).reduce("", String::concat);
        assertThat(rebuiltText).doesNotContain(name).doesNotContain(phone).contains(PersonalData.ERASED);

        // a later call from the same unit gets a fresh key: readable again, the erased history is not
        String later = open("privacy-later-" + run, "u-erased", "New Owner " + run, "13600000002");
        assertThat(api.get("ticket", "/api/tickets/" + later).get("callerName").asText())
                .isEqualTo("New Owner " + run);
        assertThat(api.get("ticket", "/api/tickets/" + ticketId)
                        .get("callerName")
                        .asText())
                .isEqualTo(PersonalData.ERASED);
        assertThat(api.as("admin")
                        .get("ticket", "/api/owners/" + ownerId + "/personal-data")
                        .get("readable")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void namesAndPhonesNeverReachTheLogsOrTheAnalytics() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "Wang Logged " + run;
        String phone = "135" + Math.abs(run.hashCode() % 100_000_000L);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            String ticketId = open("logs-" + run, "u-logs", name, phone);
            // a rejected request, a call from the call center, and one the call center got wrong (to its DLT)
            expect(api.post("ticket", "/api/tickets", """
                    {"callId":"logs-bad-%s","estateId":"%s","unitId":"u-logs","kind":"REPAIR","description":"x",
                     "callerName":"%s","callerPhone":"not a phone %s","acceptor":"desk"}""".formatted(run, ESTATE, name, phone)), 400);
            String callId = "logs-call-" + run;
            CallCenterCalls.publishWithAMisdirectedCopy(
                    system.kafkaBootstrapServers(), ESTATE, callId, "u-call", name, phone);
            String callTicket = "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
            assertThat(eventually(r -> r.status() == 200, () -> api.get("ticket", "/api/tickets/" + callTicket))
                            .get("callerName")
                            .asText())
                    .isEqualTo(name);
            awaitTimelineWith(ticketId, "OrderDispatched");
            // wait until the wrong call was given up on (retries, then its dead-letter topic)
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(callId + "-bad"));

            // analytics and lists: the front desk's and the managers' views
            Instant now = Instant.now();
            List<String> analytics = List.of(
                    api.get(
                                    "callback",
                                    "/api/sla/compliance?from=" + now.minus(Duration.ofDays(1)) + "&to="
                                            + now.plus(Duration.ofDays(1)) + "&groupBy=estate")
                            .raw(),
                    api.get(
                                    "callback",
                                    "/api/sla/compliance?from=" + now.minus(Duration.ofDays(1)) + "&to="
                                            + now.plus(Duration.ofDays(1)) + "&groupBy=steward")
                            .raw(),
                    api.get("callback", "/api/handover?estateId=" + ESTATE).raw(),
                    api.get("callback", "/api/obligations?ticketId=" + ticketId).raw(),
                    api.get("callback", "/api/callbacks?status=all").raw(),
                    api.get("ticket", "/api/tickets?estateId=" + ESTATE).raw(),
                    api.get("dispatch", "/api/orders?department=ENGINEERING").raw(),
                    api.as("admin").get("ticket", "/actuator/prometheus").raw());
            assertThat(analytics)
                    .allSatisfy(body -> assertThat(body).doesNotContain(name).doesNotContain(phone));
        } finally {
            root.detachAppender(logs);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            lines.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertThat(lines).as("log lines written meanwhile").isNotEmpty();
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(name));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(phone));
    }

    @Test
    void phoneNumbersOfReportedCallsAreNeverInTheClearAndANumbersOwnKeyErasesThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String stranger = "137" + String.format("%08d", Math.abs(run.hashCode() % 100_000_000L));
        String owner = "136" + String.format("%08d", Math.abs((run + "o").hashCode() % 100_000_000L));
        String hotline = "4008009" + String.format("%03d", Math.abs(run.hashCode() % 1000));
        String strangerCall = "cti-stranger-" + run;
        String ownerCall = "cti-owner-" + run;
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            ServiceClient pbx = api.as("callcenter");
            // an unknown number that nobody answered, and an owner's call during which a ticket is opened
            expect(pbx.post("ticket", "/api/cti/events", cti("newCall", strangerCall, stranger, hotline, null)), 200);
            expect(
                    pbx.post("ticket", "/api/cti/events", cti("hangup", strangerCall, stranger, hotline, "noAnswer")),
                    200);
            expect(pbx.post("ticket", "/api/cti/events", cti("newCall", ownerCall, owner, hotline, null)), 200);
            String ticketId = open(ownerCall, "u-call", "Owner " + run, owner);
            expect(pbx.post("ticket", "/api/cti/events", cti("answer", ownerCall, owner, hotline, null)), 200);
            expect(
                    pbx.post("ticket", "/api/cti/events", cti("hangup", ownerCall, owner, hotline, "normalClearing")),
                    200);
            // a malformed event naming the number is refused without echoing it into a log
            expect(
                    pbx.post("ticket", "/api/cti/events", cti("hangup", "cti-bad-" + run, stranger, hotline, "lost")),
                    400);

            assertThat(api.get("ticket", "/api/calls/" + strangerCall)
                            .get("from")
                            .asText())
                    .isEqualTo(stranger);
            eventually(
                    r -> r.status() == 200
                            && ticketId.equals(r.body().path("linkedTicketId").asText()),
                    () -> api.get("ticket", "/api/calls/" + ownerCall));
            awaitTimelineWith(ticketId, "CallEnded");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> everyRecord().stream()
                                    .filter(r -> strangerCall.equals(r.key()))
                                    .count()
                            >= 2);

            // sealed on every topic and in every store (a number no owner has: under the number's own key)
            List<ConsumerRecord<String, byte[]>> published = everyRecord();
            for (String number : List.of(stranger, owner, hotline, "+86" + stranger, "+86" + owner)) {
                assertThat(published).noneSatisfy(r -> assertThat(text(r)).contains(number));
                assertThat(everyStoredDocument()).noneSatisfy(d -> assertThat(d).contains(number));
            }
            assertThat(published.stream()
                            .filter(r -> strangerCall.equals(r.key()))
                            .map(PersonalDataIT::text))
                    .anySatisfy(t -> assertThat(t).contains(PersonalData.PREFIX + "phone:"));
            // the number's own key is erased by number (ADMIN), and then the call log reads [erased]
            assertThat(api.as("desk")
                            .delete("ticket", "/api/callers/personal-data?number=" + stranger)
                            .status())
                    .isEqualTo(403);
            Reply erased = api.as("admin").delete("ticket", "/api/callers/personal-data?number=" + stranger);
            expect(erased, 200);
            assertThat(erased.get("keysDestroyed").asInt()).isEqualTo(1);
            assertThat(erased.raw()).doesNotContain(stranger);
            assertThat(api.get("ticket", "/api/calls/" + strangerCall)
                            .get("from")
                            .asText())
                    .isEqualTo(PersonalData.ERASED);
            assertThat(api.get("ticket", "/api/calls/" + ownerCall).get("from").asText())
                    .as("another number's calls stay readable")
                    .isEqualTo(owner);
            Reply again = api.as("admin").delete("ticket", "/api/callers/personal-data?number=" + stranger);
            expect(again, 200);
            assertThat(again.get("keysDestroyed").asInt())
                    .as("nothing more to destroy")
                    .isZero();
            expect(api.as("admin").delete("ticket", "/api/callers/personal-data?number=13100000000"), 404);
        } finally {
            root.detachAppender(logs);
        }
        // the erasure logs what it did: by the number's key owner, never the number
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(stranger).doesNotContain(owner);
        }
    }

    private static String cti(String event, String callId, String from, String to, String cause) {
        return """
                {"event":"%s","callId":"%s","from":"%s","to":"%s","direction":"in","user":["desk"]%s}""".formatted(event, callId, from, to, cause == null ? "" : ",\"cause\":\"" + cause + "\"");
    }

    private static boolean deadLettered(String callId) {
        return EffectCheck.readAll(
                        system.kafkaBootstrapServers(),
                        Topics.deadLetter(Topics.CALLCENTER_CALLS, CallCenterListener.GROUP))
                .stream()
                .anyMatch(r -> text(r).contains(callId));
    }

    private static String open(String callId, String unit, String name, String phone) {
        Reply opened = api.post("ticket", "/api/tickets", """
                {"callId":"%s","estateId":"%s","unitId":"%s","kind":"REPAIR","paid":false,"description":"Tap %s",
                 "callerName":"%s","callerPhone":"%s","acceptor":"desk-chen"}""".formatted(
                callId, ESTATE, unit, callId.replaceFirst("^privacy-", "").replaceFirst("^kept-", ""), name, phone));
        expect(opened, 201);
        return opened.get("ticketId").asText();
    }

    private static void awaitTimelineWith(String ticketId, String type) {
        eventually(
                r -> r.status() == 200 && r.raw().contains(type),
                () -> api.get("ticket", "/api/tickets/" + ticketId + "/timeline"));
    }

    private static List<ConsumerRecord<String, byte[]>> everyRecord() {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        for (String topic :
                List.of(Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS, Topics.BILLING_EVENTS)) {
            all.addAll(EffectCheck.readAll(system.kafkaBootstrapServers(), topic));
        }
        return all;
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        StringBuilder b =
                new StringBuilder(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
        for (Header h : record.headers()) {
            b.append(' ').append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static List<String> sealedValues(List<ConsumerRecord<String, byte[]>> records, String ticketId) {
        List<String> sealed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (ticketId.equals(r.key())) {
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("pii:v1:[^\"]+").matcher(text(r));
                while (m.find()) {
                    sealed.add(m.group());
                }
            }
        }
        assertThat(sealed).as("sealed values on Kafka").hasSizeGreaterThanOrEqualTo(2);
        return sealed;
    }

    /** Every document of every PropDesk database as JSON (the stores, the outboxes, the read models, the keys). */
    private static List<String> everyStoredDocument() {
        List<String> docs = new ArrayList<>();
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            for (String db : client.listDatabaseNames()) {
                MongoDatabase database = client.getDatabase(db);
                for (String collection : database.listCollectionNames()) {
                    for (Document d : database.getCollection(collection).find()) {
                        docs.add(d.toJson());
                    }
                }
            }
        }
        assertThat(docs).isNotEmpty();
        return docs;
    }

    /** The ticket's timeline rebuilt from the topics into an empty database, with the projection's own class. */
    private static List<Timeline.Entry> rebuildTimeline(String ticketId) {
        MongoClient client = system.context("ticket").getBean(MongoClient.class);
        MongoDatabase empty = client.getDatabase(
                "rebuild-timeline-" + UUID.randomUUID().toString().substring(0, 8));
        TraceContexts traces = system.context("ticket").getBean(TraceContexts.class);
        Timeline rebuilt = new Timeline(empty, new InboundEvents(empty, new SimpleMeterRegistry(), traces));
        KafkaUtils.setConsumerGroupId(Timeline.GROUP); // as on the listener's consumer thread
        try {
            for (String topic : List.of(
                    Topics.TICKET_EVENTS, Topics.DISPATCH_EVENTS, Topics.CALLBACK_EVENTS, Topics.BILLING_EVENTS)) {
                for (ConsumerRecord<String, byte[]> record :
                        EffectCheck.readAll(system.kafkaBootstrapServers(), topic)) {
                    if (ticketId.equals(record.key())) {
                        rebuilt.on(List.of(record));
                    }
                }
            }
        } finally {
            KafkaUtils.clearConsumerGroupId();
        }
        List<Timeline.Entry> entries = rebuilt.of(ticketId).orElseThrow();
        empty.drop();
        return entries;
    }
}
