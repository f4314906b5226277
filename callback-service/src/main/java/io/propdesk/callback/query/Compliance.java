package io.propdesk.callback.query;

import io.propdesk.contracts.SlaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Compliance analytics over the recorded outcomes (ARCHITECTURE.md, SLA obligations): per group, the obligations that
 * came due in the period, how many were met on time and how many breached, the compliance percentage, and the repair
 * callback rate (R5): of the repairs whose callback came due in the period, how many callbacks were completed (late
 * ones included). Obligations withdrawn with their ticket or order count in neither.
 *
 * <p>Issue 18 item 4: a breach is asked either way. {@link Breached#EVER} (the default) counts an obligation breached if
 * it ever was, even when it was fulfilled late since; {@link Breached#NOW} counts as breached only those still unmet,
 * and a late fulfilment as met. {@code metLate} says how many of the period's obligations were breached and then met.
 */
@Component
public class Compliance {

    public enum GroupBy {
        ESTATE("estateId"),
        DEPARTMENT("department"),
        STEWARD("stewardId"),
        RULE("rule");

        private final String field;

        GroupBy(String field) {
            this.field = field;
        }
    }

    /** Issue 18 item 4: whether an obligation fulfilled late after its breach counts as breached. */
    public enum Breached {
        /** Breached if it ever was: the breach stays in the figures (the default). */
        EVER,
        /** Breached only while still unmet: a late fulfilment counts as met. */
        NOW
    }

    public record Figures(
            String key,
            long due,
            long met,
            long breached,
            Double compliancePercent,
            long returnedRepairs,
            long completedRepairCallbacks,
            Double repairCallbackRate,
            long metLate) {}

    public record Report(
            Instant from, Instant to, String groupBy, List<Figures> groups, Figures total, String breached) {}

    /** The group of the front desk's own obligations (M1) when grouped by department. */
    public static final String FRONT_DESK = "FRONT_DESK";

    private final ObligationOutcomes outcomes;

    public Compliance(ObligationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    public Report report(Instant from, Instant to, GroupBy groupBy) {
        return report(from, to, groupBy, Breached.EVER);
    }

    public Report report(Instant from, Instant to, GroupBy groupBy, Breached breached) {
        List<Document> due = outcomes.dueBetween(from, to);
        return summarise(
                from,
                to,
                groupBy,
                breached,
                due,
                d -> SlaRule.R5.name().equals(d.getString("rule"))
                        && outcomes.callbackCompleted(callbackOf(d.getString("_id"))));
    }

    /** Shared with the what-if: the same arithmetic over any list of outcomes. */
    static Report summarise(
            Instant from,
            Instant to,
            GroupBy groupBy,
            List<Document> due,
            Function<Document, Boolean> repairCallbackCompleted) {
        return summarise(from, to, groupBy, Breached.EVER, due, repairCallbackCompleted);
    }

    static Report summarise(
            Instant from,
            Instant to,
            GroupBy groupBy,
            Breached breached,
            List<Document> due,
            Function<Document, Boolean> repairCallbackCompleted) {
        Map<String, long[]> groups = new TreeMap<>();
        long[] total = new long[6];
        for (Document d : due) {
            long[] g = groups.computeIfAbsent(keyOf(d, groupBy), k -> new long[6]);
            count(g, d, breached, repairCallbackCompleted);
            count(total, d, breached, repairCallbackCompleted);
        }
        List<Figures> figures = new ArrayList<>();
        groups.forEach((key, g) -> figures.add(figures(key, g)));
        return new Report(
                from,
                to,
                groupBy.name().toLowerCase(java.util.Locale.ROOT),
                figures,
                figures("TOTAL", total),
                breached.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The group an outcome counts in. M1 is owed by the front desk, which is no department: grouped by department it
     * counts under {@value #FRONT_DESK}. Any other missing key counts under NONE.
     */
    private static String keyOf(Document d, GroupBy groupBy) {
        String key = d.getString(groupBy.field);
        if (key != null) {
            return key;
        }
        return groupBy == GroupBy.DEPARTMENT && SlaRule.M1.name().equals(d.getString("rule")) ? FRONT_DESK : "NONE";
    }

    private static void count(
            long[] g, Document d, Breached breached, Function<Document, Boolean> repairCallbackCompleted) {
        g[0]++;
        boolean metLate = ObligationOutcomes.metLate(d);
        if (ObligationOutcomes.MET.equals(d.getString("outcome")) || breached == Breached.NOW && metLate) {
            g[1]++;
        } else {
            g[2]++;
        }
        if (metLate) {
            g[5]++;
        }
        if (SlaRule.R5.name().equals(d.getString("rule"))) {
            g[3]++;
            if (ObligationOutcomes.MET.equals(d.getString("outcome")) || repairCallbackCompleted.apply(d)) {
                g[4]++;
            }
        }
    }

    private static Figures figures(String key, long[] g) {
        return new Figures(
                key,
                g[0],
                g[1],
                g[2],
                g[0] == 0 ? null : percent(g[1], g[0]),
                g[3],
                g[4],
                g[3] == 0 ? null : percent(g[4], g[3]),
                g[5]);
    }

    private static double percent(long part, long whole) {
        return Math.round(10000.0 * part / whole) / 100.0;
    }

    /** An R5 obligation is named {@code <ticketId>:R5:<callbackId>}. */
    static String callbackOf(String obligationId) {
        int at = obligationId.indexOf(":R5:");
        return at < 0 ? obligationId : obligationId.substring(at + 4);
    }
}
