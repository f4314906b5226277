package io.propdesk.callback.analytics;

import java.util.Arrays;

/**
 * A growing list of durations in seconds (primitive, so a large period costs 8 bytes a value) and its median and p90.
 * The median is the middle value, the mean of the two middle ones for an even count; p90 is the nearest rank, the
 * smallest value that at least 90 % of the values do not exceed.
 */
final class Percentiles {

    private long[] values = new long[16];
    private int size;

    void add(long seconds) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = seconds;
    }

    int size() {
        return size;
    }

    /** The median in seconds, or null without values. */
    Double median() {
        if (size == 0) {
            return null;
        }
        long[] sorted = sorted();
        return size % 2 == 1 ? (double) sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2.0;
    }

    /** The p-th percentile by nearest rank in seconds, or null without values. */
    Double percentile(int p) {
        if (size == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * size);
        return (double) sorted()[Math.max(rank, 1) - 1];
    }

    private long[] sorted() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted;
    }
}
