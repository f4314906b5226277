package io.propdesk.systemtests.bench;

import io.propdesk.standalone.ServiceClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MongoDB write commands of the four services, from each one's own driver metrics
 * ({@code mongodb_driver_commands_seconds_count} on {@code /actuator/prometheus}), by "service collection command".
 * The relay lease's renewals are left out: they come with time, not with tickets.
 */
final class StoreWrites {

    private static final Pattern COUNT =
            Pattern.compile("mongodb_driver_commands_seconds_count\\{([^}]*)\\} ([0-9.E+-]+)");
    private static final List<String> WRITES = List.of("insert", "update", "delete", "findAndModify");

    private StoreWrites() {}

    static Map<String, Double> now(ServiceClient rest) {
        Map<String, Double> writes = new TreeMap<>();
        for (String service : ChildSystem.SERVICES) {
            ServiceClient.Reply r = rest.get(service, "/actuator/prometheus");
            // an overloaded system (main's at 20 tickets/s) may time a scrape out: ask again before giving up
            for (int attempt = 1; !r.ok() && attempt <= 5; attempt++) {
                try {
                    Thread.sleep(2_000L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while scraping " + service, e);
                }
                r = rest.get(service, "/actuator/prometheus");
            }
            if (!r.ok()) {
                throw new IllegalStateException(service + " metrics answered " + r.status());
            }
            Matcher m = COUNT.matcher(r.raw());
            while (m.find()) {
                String command = label(m.group(1), "command");
                String collection = label(m.group(1), "collection");
                if (WRITES.contains(command) && !collection.equals("relay_lease")) {
                    writes.merge(
                            service + " " + collection + " " + command, Double.parseDouble(m.group(2)), Double::sum);
                }
            }
        }
        return writes;
    }

    private static final Pattern CACHE_LOADS =
            Pattern.compile("propdesk_aggregate_cache_total\\{([^}]*)\\} ([0-9.E+-]+)");

    /**
     * Each service's aggregate loads by how its cache answered them ({@code propdesk.aggregate.cache}: hit, miss,
     * stale), by "service result"; empty for code without the cache.
     */
    static Map<String, Double> cacheLoads(ServiceClient rest) {
        Map<String, Double> loads = new TreeMap<>();
        for (String service : ChildSystem.SERVICES) {
            ServiceClient.Reply r = rest.get(service, "/actuator/prometheus");
            if (!r.ok()) {
                continue; // a figure to explain, not to measure: the level's writes were scraped already
            }
            Matcher m = CACHE_LOADS.matcher(r.raw());
            while (m.find()) {
                loads.merge(service + " " + label(m.group(1), "result"), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return loads;
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((k, v) -> {
            double d = v - before.getOrDefault(k, 0.0);
            if (d > 0) {
                delta.put(k, d);
            }
        });
        return delta;
    }

    static double total(Map<String, Double> writes) {
        return writes.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The relay's clears, which come a grace period after the writes they clear: the deletes of the outbox's entries
     * and (issue 19) of the writers' journal documents in the events collection, which nothing else deletes.
     */
    static boolean deferred(String key) {
        return key.endsWith("outbox delete") || key.endsWith("events delete");
    }

    /** The writes without the relay's deferred clears ({@link #deferred}). */
    static Map<String, Double> withoutDeferred(Map<String, Double> writes) {
        Map<String, Double> kept = new TreeMap<>(writes);
        kept.keySet().removeIf(StoreWrites::deferred);
        return kept;
    }

    /**
     * Waits until the writes (all but the relay's deferred clears) have not moved for {@code quietMillis},
     * and answers them; after 120 s answers them anyway (counted in {@link #unsettled}).
     */
    static Map<String, Double> whenQuiet(ServiceClient rest, long quietMillis) throws InterruptedException {
        Map<String, Double> last = withoutDeferred(now(rest));
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            Map<String, Double> current = withoutDeferred(now(rest));
            if (!current.equals(last)) {
                last = current;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quietMillis * 1_000_000L) {
                return now(rest);
            }
        }
        // issue 19: code that writes in the background (or other collections than today's) must not end a long run
        // half-way; the run says how often this happened
        unsettled.incrementAndGet();
        System.err.println("[system-bench] the store writes did not settle within 120 s; going on: " + last);
        return now(rest);
    }

    /** How many times {@link #whenQuiet} gave up waiting. */
    static final java.util.concurrent.atomic.AtomicInteger unsettled = new java.util.concurrent.atomic.AtomicInteger();

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "?";
    }
}
