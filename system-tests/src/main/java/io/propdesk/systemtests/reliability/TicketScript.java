package io.propdesk.systemtests.reliability;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;

/**
 * Drives repair tickets through their whole life by REST, as the front desk, the team leader, billing and the
 * callback desk would (R1, R2, R5, R7): open, dispatched, pickup, [quote + accept when paid], start, complete,
 * return, satisfied callback, CLOSED. Every third ticket is paid.
 *
 * <p>Each step is driven from the state the services report (the order's own stream answers read-your-write), so
 * a step whose answer was lost to a fault is not repeated blindly: a retry first looks where the order stands.
 * Connection failures and 5xx are retried until the ticket's deadline.
 */
public final class TicketScript {

    public static final String ESTATE = "rel-estate";
    public static final String UNIT = "rel-101";
    public static final String LEADER = "tl-rel";

    /** What one ticket was meant to be and how far it got. */
    public record Outcome(String ticketId, String orderId, boolean paid, boolean closed, String lastStep) {
    }

    private final ServiceClient rest;
    private final String runId;
    private final Duration ticketDeadline;

    public TicketScript(ServiceClient rest, String runId, Duration ticketDeadline) {
        this.rest = rest;
        this.runId = runId;
        this.ticketDeadline = ticketDeadline;
    }

    /** The estate, Engineering's team and its price list: once per system. */
    public void setUp() {
        retry(() -> rest.put("ticket", "/api/estates/" + ESTATE, """
                {"name":"Reliability Court","timeZone":"Asia/Shanghai","areas":[{"areaId":"rel-north","name":"North"}],
                 "buildings":[{"buildingId":"rel-b1","areaId":"rel-north","name":"B1","stewardId":"steward-rel",
                               "units":["%s"]}]}""".formatted(UNIT)));
        retry(() -> rest.put("dispatch", "/api/teams/ENGINEERING/rel-north",
                "{\"teamLeader\":\"" + LEADER + "\"}"));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        retry(() -> rest.put("billing", "/api/price-lists/ENGINEERING", """
                {"effectiveFrom":"%s","publishedBy":"billing-rel","items":[
                  {"code":"TAP","name":"Replace kitchen tap","unit":"each","price":{"amount":"80.00","currency":"CNY"}}]}"""
                .formatted(today)));
    }

    /** Runs tickets {@code from .. from+count-1} with {@code parallel} tickets in flight; returns their outcomes. */
    public List<Outcome> run(int from, int count, int parallel) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "ticket-script");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                int n = i;
                futures.add(pool.submit(() -> drive(n)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (Exception e) {
                    throw new IllegalStateException("a ticket script failed", e);
                }
            }
            return Collections.unmodifiableList(outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts tickets that finished, for a fault to be injected once a share of them has. */
    public final AtomicInteger finished = new AtomicInteger();

    public static boolean isPaid(int n) {
        return n % 3 == 0;
    }

    Outcome drive(int n) {
        long deadline = System.nanoTime() + ticketDeadline.toNanos();
        boolean paid = isPaid(n);
        String callId = runId + "-" + n;
        String ticketId = null;
        String orderId = null;
        String step = "open";
        try {
            Reply opened = until(deadline, () -> rest.post("ticket", "/api/tickets", """
                    {"callId":"%s","estateId":"%s","unitId":"%s","kind":"REPAIR","paid":%s,
                     "description":"Reliability ticket %d","callerName":"Wang","callerPhone":"13800000000",
                     "acceptor":"desk-rel"}""".formatted(callId, ESTATE, UNIT, paid, n)));
            if (opened == null) {
                return new Outcome(null, null, paid, false, step);
            }
            ticketId = opened.text("ticketId");
            orderId = "WO-" + ticketId;
            step = "dispatched";
            String quoteId = null;
            boolean returned = false;
            while (!returned && System.nanoTime() < deadline) {
                Reply order = rest.get("dispatch", "/api/orders/" + orderId);
                if (!order.ok()) {
                    pause();
                    continue;
                }
                String status = order.text("status");
                step = status;
                Reply r;
                switch (status) {
                    case "DISPATCHED" -> r = rest.post("dispatch", "/api/orders/" + orderId + "/pickup",
                            "{\"pickedUpBy\":\"" + LEADER + "\"}");
                    case "PICKED_UP" -> {
                        if (paid && order.text("acceptedQuoteId") == null && quoteId == null) {
                            quoteId = quoteAndAccept(ticketId, orderId, deadline);
                            continue;
                        }
                        r = rest.post("dispatch", "/api/orders/" + orderId + "/start",
                                "{\"startedBy\":\"" + LEADER + "\"}");
                    }
                    case "STARTED" -> r = rest.post("dispatch", "/api/orders/" + orderId + "/complete",
                            "{\"completedBy\":\"" + LEADER + "\",\"result\":\"tap replaced\"}");
                    case "COMPLETED" -> r = rest.post("dispatch", "/api/orders/" + orderId + "/return",
                            "{\"returnedBy\":\"" + LEADER + "\"}");
                    case "RETURNED" -> {
                        returned = true;
                        continue;
                    }
                    default -> {
                        return new Outcome(ticketId, orderId, paid, false, status);
                    }
                }
                if (!r.ok()) {
                    // a 409 (e.g. R7 until dispatch has consumed QuoteAccepted) or a fault: look again
                    pause();
                }
            }
            step = "callback";
            String callbackId = "CB1-" + ticketId;
            boolean callbackDone = false;
            while (System.nanoTime() < deadline) {
                Reply ticket = rest.get("ticket", "/api/tickets/" + ticketId);
                if (ticket.ok() && "CLOSED".equals(ticket.text("status"))) {
                    finished.incrementAndGet();
                    return new Outcome(ticketId, orderId, paid, true, "CLOSED");
                }
                if (!callbackDone) {
                    Reply r = rest.post("callback", "/api/callbacks/" + callbackId + "/complete", """
                            {"callerId":"desk-rel","callerRole":"DUTY_STAFF","satisfied":true,"rating":5,"comment":"fine"}""");
                    // 404 until callback-service has scheduled it; 409 when an earlier answer was lost to a fault
                    callbackDone = r.ok() || r.status() == 409;
                }
                pause();
            }
            return new Outcome(ticketId, orderId, paid, false, step);
        } catch (RuntimeException e) {
            return new Outcome(ticketId, orderId, paid, false, step + " failed: " + e);
        }
    }

    private String quoteAndAccept(String ticketId, String orderId, long deadline) {
        Reply quote = until(deadline, () -> rest.post("billing", "/api/quotes", """
                {"ticketId":"%s","orderId":"%s","department":"ENGINEERING","lines":[{"itemCode":"TAP","quantity":1}],
                 "pricedBy":{"stewardId":"steward-rel","professionalId":"eng-rel"}}""".formatted(ticketId, orderId)));
        if (quote == null) {
            return null;
        }
        String quoteId = quote.text("quoteId");
        until(deadline, () -> {
            Reply accepted = rest.post("billing", "/api/quotes/" + quoteId + "/accept", "{\"explainedBy\":\"desk-rel\"}");
            if (accepted.ok()) {
                return accepted;
            }
            // the answer of an accept that went through may have been lost: its quote says so
            Reply current = rest.get("billing", "/api/quotes/" + quoteId);
            return current.ok() && "ACCEPTED".equals(current.text("status")) ? current : accepted;
        });
        return quoteId;
    }

    private static Reply until(long deadline, java.util.function.Supplier<Reply> call) {
        while (System.nanoTime() < deadline) {
            Reply r = call.get();
            if (r.ok()) {
                return r;
            }
            pause();
        }
        return null;
    }

    private void retry(java.util.function.Supplier<Reply> call) {
        if (until(System.nanoTime() + ticketDeadline.toNanos(), call) == null) {
            throw new IllegalStateException("the reliability set-up failed");
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
