package io.propdesk.callback.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.callback.Upstream;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.platform.security.DemoUsers;
import io.propdesk.platform.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scripted day at one estate (Asia/Shanghai, 08:30-17:30, Monday-Friday; 2026-12-01 is a Tuesday), shared by the
 * integration tests that start from it: four tickets driven by ticket, dispatch and billing events on their topics
 * and the REST API, with the clock moved by hand from Tuesday 08:00 to Wednesday 17:31. What each step records is
 * counted by hand in the comments (and in {@link ScriptedDayIT}).
 */
final class ScriptedDay {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    final String run;
    final String estate;
    final String t1; // free repair, steward-li: replies in time, returned in time, called back
    final String t2; // paid repair, steward-li: quote accepted, returned late, callback missing
    final String t3; // normal complaint, steward-wu: first reply late, signed off, called back
    final String t4; // major complaint, steward-wu: first reply late, duty staff may not call back
    final String o1;
    final String o2;

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final MutableClock clock;
    private final Upstream upstream;

    /** @param run makes the estate and ticket ids unique to one test run */
    ScriptedDay(String run, int port, MutableClock clock, Upstream upstream) {
        this(run, "estate-" + run, port, clock, upstream);
    }

    /** @param estate the estate's id, for a test about what an id may hold */
    ScriptedDay(String run, String estate, int port, MutableClock clock, Upstream upstream) {
        this.run = run;
        this.estate = estate;
        this.t1 = "T1-" + run;
        this.t2 = "T2-" + run;
        this.t3 = "T3-" + run;
        this.t4 = "T4-" + run;
        this.o1 = "WO1-" + run;
        this.o2 = "WO2-" + run;
        this.port = port;
        this.clock = clock;
        this.upstream = upstream;
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    private Instant at(String time) {
        Instant t = local("2026-12-01T" + time);
        clock.set(t);
        return t;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("callback", method, path));
        return http.send(
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    Map<String, String> statuses(String ticketId) throws Exception {
        HttpResponse<String> r = send("GET", "/api/obligations?ticketId=" + ticketId, null);
        if (r.statusCode() != 200) {
            return Map.of();
        }
        return stream(JSON.readTree(r.body()))
                .collect(Collectors.toMap(
                        o -> o.get("obligationId").asText().substring(ticketId.length() + 1),
                        o -> o.get("status").asText()));
    }

    void awaitStatus(String ticketId, String obligation, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(ticketId)).containsEntry(obligation, status));
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    String reply(String stewardId) {
        return """
                {"stewardId":"%s","message":"working on it","progress":"parts ordered"}""".formatted(stewardId);
    }

    String completion(String role) {
        return """
                {"callerId":"desk-chen","callerRole":"%s","satisfied":true,"rating":5,"comment":"all good"}""".formatted(role);
    }

    /** Plays the day up to Wednesday 17:31, checking each step's recorded effect on the way. */
    void play() throws Exception {

        upstream.estate(estate, at("08:00"));
        upstream.ticketOpened(t1, estate, TicketKind.REPAIR, false, null, "steward-li", at("09:00"));
        upstream.ticketOpened(t2, estate, TicketKind.REPAIR, true, null, "steward-li", at("09:30"));
        upstream.ticketOpened(t3, estate, TicketKind.COMPLAINT, false, Severity.NORMAL, "steward-wu", at("10:00"));
        upstream.ticketOpened(t4, estate, TicketKind.COMPLAINT, false, Severity.MAJOR, "steward-wu", at("10:00"));
        awaitStatus(t1, "R4:1", "OPEN");
        awaitStatus(t2, "R4:1", "OPEN");
        awaitStatus(t3, "C3:1", "OPEN");
        awaitStatus(t4, "C3:1", "OPEN");

        // 09:10 the orders go out; O2 is paid, so R7 waits on the owner's acceptance
        upstream.dispatched(t1, o1, estate, false, local("2026-12-01T09:10"));
        upstream.dispatched(t2, o2, estate, true, local("2026-12-01T09:10"));
        awaitStatus(t2, "R7:" + o2, "OPEN");
        upstream.quoteAccepted(t2, o2, "Q2-" + run, at("10:00")); // R7 met
        awaitStatus(t2, "R7:" + o2, "FULFILLED");
        upstream.workStarted(t1, o1, null, at("10:10"));
        upstream.workStarted(t2, o2, "Q2-" + run, local("2026-12-01T10:10"));
        upstream.completed(t1, o1, estate, false, at("10:30")); // R9 due 17:30
        awaitStatus(t1, "R9:" + o1, "OPEN");
        upstream.returned(
                t1,
                o1,
                estate,
                false,
                local("2026-12-01T10:30"),
                local("2026-12-01T17:30"),
                at("11:00")); // R9 met, CB1-T1, R5 open
        upstream.completed(t2, o2, estate, true, local("2026-12-01T11:00")); // R8 due 13:00
        awaitStatus(t1, "R9:" + o1, "FULFILLED");
        awaitStatus(t1, "R5:CB1-" + t1, "OPEN");
        awaitStatus(t2, "R8:" + o2, "OPEN");

        // 12:00 steward-li replies on both repairs: windows met, next due 16:00
        at("12:00");
        assertThat(post("/api/tickets/" + t1 + "/steward-replies", reply("steward-li"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(post("/api/tickets/" + t2 + "/steward-replies", reply("steward-li"))
                        .statusCode())
                .isEqualTo(201);

        // 13:01 O2 is not back: R8 breached
        at("13:01");
        awaitStatus(t2, "R8:" + o2, "BREACHED");

        // 14:00 O2 comes back late; its callback is scheduled and will be missed
        upstream.returned(t2, o2, estate, true, local("2026-12-01T11:00"), local("2026-12-01T13:00"), at("14:00"));
        awaitStatus(t2, "R5:CB1-" + t2, "OPEN");

        // 14:01 both complaints' first windows (due 14:00) are breached: joint follow-up C4 opens for each
        at("14:01");
        awaitStatus(t3, "R4:1", "BREACHED");
        awaitStatus(t4, "R4:1", "BREACHED");
        awaitStatus(t3, "C4:1", "OPEN");
        awaitStatus(t4, "C4:1", "OPEN");

        // 14:30 steward-wu replies late on T3: window 2 and C4 met; then signs off and it is called back
        at("14:30");
        assertThat(post("/api/tickets/" + t3 + "/steward-replies", reply("steward-wu"))
                        .statusCode())
                .isEqualTo(201);
        at("15:00");
        assertThat(post("/api/tickets/" + t4 + "/steward-replies", reply("steward-wu"))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> wrongSteward =
                post("/api/tickets/" + t3 + "/sign-off", "{\"stewardId\":\"steward-li\",\"note\":\"done\"}");
        assertThat(wrongSteward.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(wrongSteward.body()).get("rule").asText()).isEqualTo("C3");
        assertThat(post("/api/tickets/" + t3 + "/sign-off", "{\"stewardId\":\"steward-wu\",\"note\":\"done\"}")
                        .statusCode())
                .isEqualTo(201);

        // 15:00 T1's owner is called back (an attempt first), satisfied: R5 met; ticket-service closes T1
        assertThat(post(
                                "/api/callbacks/CB1-" + t1 + "/attempts",
                                "{\"callerId\":\"desk-chen\",\"callerRole\":\"DUTY_STAFF\",\"note\":\"no answer\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(post("/api/callbacks/CB1-" + t1 + "/complete", completion("DUTY_STAFF"))
                        .statusCode())
                .isEqualTo(200);
        upstream.ticketClosed(t1, at("15:05"));
        awaitStatus(t1, "R4:2", "WITHDRAWN");

        // 15:10 T4 signed off; duty staff try to complete its MAJOR callback: 409 naming C2, nothing recorded
        at("15:10");
        assertThat(post("/api/tickets/" + t4 + "/sign-off", "{\"stewardId\":\"steward-wu\",\"note\":\"done\"}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> byDutyStaff = post("/api/callbacks/CB1-" + t4 + "/complete", completion("DUTY_STAFF"));
        assertThat(byDutyStaff.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(byDutyStaff.body()).get("rule").asText()).isEqualTo("C2");

        // 15:30 T3 (NORMAL) is called back by duty staff, satisfied; ticket-service closes it
        at("15:30");
        assertThat(post("/api/callbacks/CB1-" + t3 + "/complete", completion("DUTY_STAFF"))
                        .statusCode())
                .isEqualTo(200);
        upstream.ticketClosed(t3, at("15:40"));
        awaitStatus(t3, "R4:3", "WITHDRAWN");

        // 16:01 T2's second window (due 16:00) is missed
        at("16:01");
        awaitStatus(t2, "R4:2", "BREACHED");

        // Wednesday 17:31: T2 misses windows 3 (11:00) and 4 (15:00) and its callback (17:30, R5); T4 misses windows
        // 3 (10:00) and 4 (14:00), its joint follow-up C4:2 (14:00) and its callback by rank (17:30, C2)
        clock.set(local("2026-12-02T17:31"));
        awaitStatus(t2, "R5:CB1-" + t2, "BREACHED");
        awaitStatus(t4, "C2:CB1-" + t4, "BREACHED");
        awaitStatus(t4, "C4:2", "BREACHED");
        assertThat(statuses(t2))
                .containsEntry("R4:3", "BREACHED")
                .containsEntry("R4:4", "BREACHED")
                .containsEntry("R4:5", "OPEN");
        assertThat(statuses(t4))
                .containsEntry("R4:3", "BREACHED")
                .containsEntry("R4:4", "BREACHED")
                .containsEntry("R4:5", "OPEN")
                .doesNotContainKey("C4:3");
    }
}
