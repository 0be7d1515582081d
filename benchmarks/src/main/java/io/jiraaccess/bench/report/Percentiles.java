package io.jiraaccess.bench.report;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of measurements. */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** The value at or below which {@code p} percent of the measurements lie (nearest rank). */
    public double at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double min() {
        return sorted[0];
    }

    public int count() {
        return sorted.length;
    }

    /** How many measurements are at most {@code bound}. */
    public int atMost(double bound) {
        int n = 0;
        for (double v : sorted) {
            if (v <= bound) {
                n++;
            }
        }
        return n;
    }
}
