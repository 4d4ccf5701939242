package dev.flywheel.insights;

import java.util.Locale;

/**
 * How a won deal's revenue is shared among the touches before it closed. Each model is a pure
 * function from the touches' times (oldest first) and the close time to weights that sum to 1.
 */
enum AttributionModel {

    /** All credit to the earliest touch. */
    FIRST_TOUCH {
        @Override
        double[] weights(long[] touchSeconds, long closeSeconds) {
            double[] w = new double[touchSeconds.length];
            if (w.length > 0) {
                w[0] = 1;
            }
            return w;
        }
    },
    /** All credit to the latest touch. */
    LAST_TOUCH {
        @Override
        double[] weights(long[] touchSeconds, long closeSeconds) {
            double[] w = new double[touchSeconds.length];
            if (w.length > 0) {
                w[w.length - 1] = 1;
            }
            return w;
        }
    },
    /** Equal credit to every touch. */
    LINEAR {
        @Override
        double[] weights(long[] touchSeconds, long closeSeconds) {
            double[] w = new double[touchSeconds.length];
            java.util.Arrays.fill(w, 1.0 / Math.max(1, w.length));
            return w;
        }
    },
    /**
     * Position-based: 40% to the first touch, 40% to the last, 20% shared equally by the touches in
     * between. With one touch it takes everything; with two, 50% each.
     */
    U_SHAPED {
        @Override
        double[] weights(long[] touchSeconds, long closeSeconds) {
            int n = touchSeconds.length;
            double[] w = new double[n];
            if (n == 1) {
                w[0] = 1;
            } else if (n == 2) {
                w[0] = 0.5;
                w[1] = 0.5;
            } else if (n > 2) {
                java.util.Arrays.fill(w, 0.2 / (n - 2));
                w[0] = 0.4;
                w[n - 1] = 0.4;
            }
            return w;
        }
    },
    /**
     * Time decay with a 7-day half-life: a touch d days before the close weighs 2^(−d/7), then the
     * weights are normalised to sum to 1.
     */
    TIME_DECAY {
        @Override
        double[] weights(long[] touchSeconds, long closeSeconds) {
            int n = touchSeconds.length;
            double[] w = new double[n];
            double sum = 0;
            long latest = Long.MIN_VALUE;
            for (long t : touchSeconds) {
                latest = Math.max(latest, Math.min(t, closeSeconds));
            }
            for (int i = 0; i < n; i++) {
                // Measured from the latest touch rather than the close: the same weights once
                // normalised, and no underflow to 0 for journeys that ended years before the close.
                double days = Math.max(0, latest - Math.min(touchSeconds[i], closeSeconds)) / 86400.0;
                w[i] = Math.pow(2, -days / HALF_LIFE_DAYS);
                sum += w[i];
            }
            for (int i = 0; i < n; i++) {
                w[i] /= sum;
            }
            return w;
        }
    };

    static final double HALF_LIFE_DAYS = 7.0;

    abstract double[] weights(long[] touchSeconds, long closeSeconds);

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AttributionModel fromWire(String value) {
        for (AttributionModel m : values()) {
            if (m.wire().equalsIgnoreCase(value)) {
                return m;
            }
        }
        return null;
    }
}
