package io.propdesk.systemtests.bench;

import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Drives tickets through their flows with the {@link Scenario} driver, without sleeping on a clock: a step that needs another service to have
 * heard of something waits for that event on a {@link TopicWatch}, then retries a 404 or 409 (the consumer has not
 * applied it yet) with a backoff of 1 to 16 ms. The repair lifecycle is {@code TicketScript}'s (open, dispatched,
 * pick up, [quote + accept for every third], start, complete, return, callback, closed) plus the steward's reply
 * (R3, R4) before the callback.
 *
 * @see io.propdesk.systemtests.reliability.TicketScript
 */
final class Lifecycles {

    static final String ESTATE = "bench-estate";
    static final String ACCEPTOR = "desk-bench";
    static final Scenario.Teams TEAMS =
            new Scenario.Teams("tl-eng", "tl-clean", "disp-bench", "tl-green", "liaison-bench");
    static final String ENGINEERING = TEAMS.engineering();
    static final int UNITS = 100;

    /** The repair lifecycle's commands, in order; quote and accept only for paid tickets. */
    static final List<String> REPAIR_STEPS =
            List.of("open", "pickup", "quote", "accept", "start", "complete", "return", "reply", "callback");

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final Scenario scenario;
    private final TopicWatch watch;
    private final String runId;
    final AtomicLong retries = new AtomicLong();
    /** The retries by step and answer ("quote 404"): which consumer the next command came too early for. */
    final Map<String, LongAdder> retriesByStep = new ConcurrentHashMap<>();

    private static final ThreadLocal<String> STEP = new ThreadLocal<>();

    /** A copy of the retries by step and answer so far, in order. */
    Map<String, Double> retriesByStep() {
        Map<String, Double> copy = new TreeMap<>();
        retriesByStep.forEach((step, n) -> copy.put(step, (double) n.sum()));
        return copy;
    }

    Lifecycles(ServiceClient rest, TopicWatch watch, String runId) {
        this.scenario = new Scenario(
                rest, new Scenario.Cast(ESTATE, "bench-north", "steward-bench", ACCEPTOR, "billing-bench"));
        this.watch = watch;
        this.runId = runId;
    }

    /** One ticket on its way. */
    static final class Ticket {
        final int n;
        final String kind;
        final boolean paid;
        String id;
        String orderId;
        String quoteId;
        long sentNanos;
        long acceptedNanos;

        Ticket(int n, String kind, boolean paid) {
            this.n = n;
            this.kind = kind;
            this.paid = paid;
        }
    }

    /** The estate, its four teams and the price lists: once per system. */
    void setUp() {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            units.add("b-" + i);
        }
        until(200, () -> scenario.putEstate(ESTATE, "Benchmark Court", "bb1", units));
        scenario.departments(TEAMS, Scenario.today()).forEach(step -> until(200, step));
    }

    // ------------------------------------------------------------------ the repair lifecycle

    static boolean isPaid(int n) {
        return n % 3 == 0;
    }

    /** A whole repair lifecycle, to CLOSED. */
    Ticket repair(int n) throws InterruptedException {
        Ticket t = new Ticket(n, "REPAIR", isPaid(n));
        try {
            for (String step : REPAIR_STEPS) {
                step(step, t);
            }
        } finally {
            STEP.remove();
        }
        return t;
    }

    /** One command of the repair lifecycle (after waiting for what it needs); {@code callback} waits for CLOSED. */
    void step(String step, Ticket t) throws InterruptedException {
        STEP.set(step);
        switch (step) {
            case "open" -> open(t, t.paid ? "\"paid\":true" : "\"paid\":false");
            case "pickup" -> pickUp(t, ENGINEERING);
            case "quote" -> {
                if (t.paid) {
                    quote(t, "ENGINEERING", "{\"itemCode\":\"TAP\",\"quantity\":1}");
                }
            }
            case "accept" -> {
                if (t.paid) {
                    accept(t);
                }
            }
            case "start" -> start(t, ENGINEERING);
            case "complete" -> until(200, () -> scenario.complete(t.orderId, ENGINEERING));
            case "return" -> until(200, () -> scenario.returnOrder(t.orderId, ENGINEERING));
            case "reply" -> reply(t);
            case "callback" -> callBack(t, ACCEPTOR, "DUTY_STAFF");
            default -> throw new IllegalArgumentException(step);
        }
    }

    void open(Ticket t, String extra) throws InterruptedException {
        String callId = "sys-" + runId + "-" + t.n;
        String unitId = "b-" + t.n % UNITS;
        t.sentNanos = System.nanoTime();
        Reply opened = scenario.openTicket(callId, unitId, t.kind, extra);
        t.acceptedNanos = System.nanoTime();
        if (opened.status() != 201) {
            // same callId and body: the same ticket (200)
            opened =
                    until(opened.status() == 200 ? 200 : 201, () -> scenario.openTicket(callId, unitId, t.kind, extra));
        }
        t.id = opened.text("ticketId");
        t.orderId = "WO-" + t.id;
    }

    void pickUp(Ticket t, String leader) throws InterruptedException {
        await(t, "OrderDispatched");
        until(200, () -> scenario.pickUp(t.orderId, leader));
    }

    void quote(Ticket t, String department, String lines) {
        t.quoteId = until(201, () -> scenario.quote(t.id, t.orderId, department, lines))
                .text("quoteId");
    }

    void accept(Ticket t) {
        until(200, () -> scenario.acceptQuote(t.quoteId));
    }

    void start(Ticket t, String leader) throws InterruptedException {
        if (t.quoteId != null) {
            await(t, "QuoteAccepted"); // R7: 409 until dispatch has applied it
        }
        until(200, () -> scenario.start(t.orderId, leader));
    }

    void reply(Ticket t) throws InterruptedException {
        await(t, "StewardAssigned");
        until(201, () -> scenario.stewardReply(t.id, "on it"));
    }

    void signOff(Ticket t) throws InterruptedException {
        await(t, "StewardAssigned");
        until(201, () -> scenario.signOff(t.id));
    }

    void callBack(Ticket t, String caller, String role) throws InterruptedException {
        await(t, "CallbackScheduled");
        String callbackId = watch.callbackId(t.id);
        until(200, () -> scenario.completeCallback(callbackId, caller, role, true));
        await(t, "TicketClosed");
    }

    // ------------------------------------------------------------------ the other flows (FlowsIT's, driven the same
    // way)

    /** The flow kinds of section 6, by name. */
    static final List<String> FLOWS = List.of(
            "free repair",
            "paid repair (quote)",
            "normal complaint",
            "major complaint",
            "move-in cleaning",
            "hourly cleaning",
            "greening",
            "rework");

    Ticket flow(String flow, int n) throws InterruptedException {
        return switch (flow) {
            case "free repair" -> repairOf(n, false);
            case "paid repair (quote)" -> repairOf(n, true);
            case "normal complaint" -> complaint(n, "NORMAL");
            case "major complaint" -> complaint(n, "MAJOR");
            case "move-in cleaning" ->
                housekeeping(
                        n,
                        "CLEANING_MOVE_IN",
                        "CLEANING",
                        TEAMS.cleaning(),
                        "{\"itemCode\":\"MOVE-IN\",\"quantity\":1}");
            case "hourly cleaning" ->
                housekeeping(
                        n, "CLEANING_HOURLY", "CLEANING", TEAMS.cleaning(), "{\"itemCode\":\"HOUR\",\"quantity\":3}");
            case "greening" -> housekeeping(n, "GREENING", "GREENING", TEAMS.greening(), """
                    {"itemCode":"MOW","quantity":40},
                    {"description":"Prune the hedge","quantity":1,"unitPrice":{"amount":"45.00","currency":"CNY"}}""");
            case "rework" -> rework(n);
            default -> throw new IllegalArgumentException(flow);
        };
    }

    private Ticket repairOf(int n, boolean paid) throws InterruptedException {
        Ticket t = new Ticket(n, "REPAIR", paid);
        for (String step : REPAIR_STEPS) {
            step(step, t);
        }
        return t;
    }

    /** C1-C3: routed by the steward, worked, replied to (normal), signed off, called back (C2: a manager if major). */
    private Ticket complaint(int n, String severity) throws InterruptedException {
        Ticket t = new Ticket(n, "COMPLAINT", false);
        open(t, "\"severity\":\"" + severity + "\"");
        await(t, "StewardAssigned");
        t.orderId =
                until(201, () -> scenario.routeComplaint(t.id, "ENGINEERING")).text("orderId");
        until(200, () -> scenario.pickUp(t.orderId, ENGINEERING));
        start(t, ENGINEERING);
        until(200, () -> scenario.complete(t.orderId, ENGINEERING));
        until(200, () -> scenario.returnOrder(t.orderId, ENGINEERING));
        await(t, "OrderReturned");
        if (severity.equals("NORMAL")) {
            reply(t);
        }
        signOff(t);
        if (severity.equals("MAJOR")) {
            callBack(t, "manager-bench", "MANAGER");
        } else {
            callBack(t, ACCEPTOR, "DUTY_STAFF");
        }
        return t;
    }

    /** H2-H4: a confirmed service time, quoted and accepted before the work starts (R7), called back (H5). */
    private Ticket housekeeping(int n, String kind, String department, String leader, String lines)
            throws InterruptedException {
        Ticket t = new Ticket(n, kind, true);
        Instant serviceTime = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        open(t, "\"serviceTime\":\"%s\"".formatted(serviceTime));
        pickUp(t, leader);
        quote(t, department, lines);
        accept(t);
        start(t, leader);
        until(200, () -> scenario.complete(t.orderId, leader));
        until(200, () -> scenario.returnOrder(t.orderId, leader));
        callBack(t, ACCEPTOR, "DUTY_STAFF");
        return t;
    }

    /** R6: the rework liaison reports once a day until the resolved report; the ticket stays open. */
    private Ticket rework(int n) throws InterruptedException {
        Ticket t = new Ticket(n, "REWORK", false);
        open(t, "");
        await(t, "OrderDispatched");
        LocalDate today = Scenario.today();
        for (int d = 2; d >= 0; d--) {
            LocalDate date = today.minusDays(d);
            String progress = "day " + d;
            boolean resolved = d == 0;
            until(201, () -> scenario.reworkReport(t.orderId, date, progress, TEAMS.reworkLiaison(), resolved));
        }
        return t;
    }

    // ------------------------------------------------------------------ waiting and retrying

    private void await(Ticket t, String type) throws InterruptedException {
        if (!watch.await(t.id, type, WAIT)) {
            throw new IllegalStateException("no " + type + " for " + t.id + " within " + WAIT.toSeconds() + " s");
        }
    }

    /** Calls until the answer is {@code expected}; 404 and 409 mean a consumer has not caught up yet. */
    private Reply until(int expected, Supplier<Reply> call) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long backoff = 1;
        Reply r = call.get();
        while (r.status() != expected) {
            if (r.status() >= 400 && r.status() != 404 && r.status() != 409 && r.status() < 500
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + expected + ", got " + r.status() + ": " + r.raw());
            }
            retries.incrementAndGet();
            retriesByStep
                    .computeIfAbsent(
                            (STEP.get() == null ? "other" : STEP.get()) + " " + r.status(), k -> new LongAdder())
                    .increment();
            try {
                TimeUnit.MILLISECONDS.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            backoff = Math.min(16, backoff * 2);
            r = call.get();
        }
        return r;
    }
}
