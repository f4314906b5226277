package io.propdesk.systemtests.reliability;

import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives repair tickets through their whole life with the {@link Scenario} driver, as the front desk, the team leader, billing and the
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
    public record Outcome(String ticketId, String orderId, boolean paid, boolean closed, String lastStep) {}

    private final Scenario scenario;
    private final String runId;
    private final Duration ticketDeadline;

    public TicketScript(ServiceClient rest, String runId, Duration ticketDeadline) {
        this.scenario =
                new Scenario(rest, new Scenario.Cast(ESTATE, "rel-north", "steward-rel", "desk-rel", "billing-rel"));
        this.runId = runId;
        this.ticketDeadline = ticketDeadline;
    }

    /** The estate, the teams and the price lists: once per system. */
    public void setUp() {
        retry(() -> scenario.putEstate(ESTATE, "Reliability Court", "rel-b1", List.of(UNIT)));
        // only Engineering's team and price list are used: repairs
        scenario.departments(
                        new Scenario.Teams(LEADER, "tl-clean-rel", "disp-rel", "tl-green-rel", "liaison-rel"),
                        Scenario.today())
                .forEach(this::retry);
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
            Reply opened = until(deadline, () -> scenario.openTicket(callId, UNIT, "REPAIR", "\"paid\":" + paid));
            if (opened == null) {
                return new Outcome(null, null, paid, false, step);
            }
            ticketId = opened.text("ticketId");
            orderId = "WO-" + ticketId;
            step = "dispatched";
            String quoteId = null;
            boolean returned = false;
            while (!returned && System.nanoTime() < deadline) {
                Reply order = scenario.order(orderId);
                if (!order.ok()) {
                    pause();
                    continue;
                }
                String status = order.text("status");
                step = status;
                Reply r;
                switch (status) {
                    case "DISPATCHED" -> r = scenario.pickUp(orderId, LEADER);
                    case "PICKED_UP" -> {
                        if (paid && order.text("acceptedQuoteId") == null && quoteId == null) {
                            quoteId = quoteAndAccept(ticketId, orderId, deadline);
                            continue;
                        }
                        r = scenario.start(orderId, LEADER);
                    }
                    case "STARTED" -> r = scenario.complete(orderId, LEADER);
                    case "COMPLETED" -> r = scenario.returnOrder(orderId, LEADER);
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
                Reply ticket = scenario.ticket(ticketId);
                if (ticket.ok() && "CLOSED".equals(ticket.text("status"))) {
                    finished.incrementAndGet();
                    return new Outcome(ticketId, orderId, paid, true, "CLOSED");
                }
                if (!callbackDone) {
                    Reply r = scenario.completeCallback(callbackId, "desk-rel", "DUTY_STAFF", true);
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
        Reply quote = until(
                deadline,
                () -> scenario.quote(ticketId, orderId, "ENGINEERING", "{\"itemCode\":\"TAP\",\"quantity\":1}"));
        if (quote == null) {
            return null;
        }
        String quoteId = quote.text("quoteId");
        until(deadline, () -> {
            Reply accepted = scenario.acceptQuote(quoteId);
            if (accepted.ok()) {
                return accepted;
            }
            // the answer of an accept that went through may have been lost: its quote says so
            Reply current = scenario.quoteNamed(quoteId);
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
