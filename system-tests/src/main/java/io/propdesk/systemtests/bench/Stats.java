package io.propdesk.systemtests.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Count, median, 99th percentile and maximum of a set of samples (milliseconds in every benchmark here). */
public record Stats(int count, double p50, double p99, double max) {
    public static Stats of(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(sorted.size(), at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    /** The {@code q} quantile (0 < q ≤ 1) of the samples, nearest rank. */
    public static double quantile(List<Double> samples, double q) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : at(sorted, q);
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    public String row(String label) {
        return String.format("| %s | %.1f | %.1f | %.1f |%n", label, p50, p99, max);
    }
}
