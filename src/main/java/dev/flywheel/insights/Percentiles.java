package dev.flywheel.insights;

import java.util.Arrays;

/** Percentiles by linear interpolation between closest ranks (the common "type 7" definition). */
final class Percentiles {

    private Percentiles() {
    }

    static double median(double[] values) {
        return of(values, 0.5);
    }

    /** The p-quantile (0 ≤ p ≤ 1) of the values; NaN when there are none. */
    static double of(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
