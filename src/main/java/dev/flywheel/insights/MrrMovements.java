package dev.flywheel.insights;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Monthly MRR movements. For each account and month, with prev = MRR at the end of the previous
 * month and cur = MRR at the end of the month:
 * <ul>
 * <li>new: prev = 0, cur &gt; 0 and the account never had a positive month-end MRR before;</li>
 * <li>reactivation: prev = 0, cur &gt; 0 and it had one before (a customer who churned and came back);</li>
 * <li>expansion: cur &gt; prev &gt; 0; contraction: 0 &lt; cur &lt; prev;</li>
 * <li>churn: prev &gt; 0, cur = 0 (amount prev).</li>
 * </ul>
 * Opening MRR + new + reactivation + expansion − contraction − churn = closing MRR, every month.
 */
final class MrrMovements {

    enum Kind { NEW, EXPANSION, CONTRACTION, CHURN, REACTIVATION }

    /** One month's movements, amounts in minor units (all positive). */
    record Month(YearMonth month, long opening, long newMrr, long expansion, long contraction, long churn, long reactivation,
            long closing, long newCustomers, long churnedCustomers, long reactivatedCustomers) {
    }

    /** The kind of movement from prev to cur, or null when nothing moved. */
    static Kind classify(long prev, long cur, boolean hadRevenueBefore) {
        if (prev == cur) {
            return null;
        }
        if (prev <= 0) {
            return hadRevenueBefore ? Kind.REACTIVATION : Kind.NEW;
        }
        if (cur <= 0) {
            return Kind.CHURN;
        }
        return cur > prev ? Kind.EXPANSION : Kind.CONTRACTION;
    }

    private final YearMonth from;
    private final long[][] sums; // [month][field]

    MrrMovements(YearMonth from, YearMonth to) {
        this.from = from;
        int n = (int) from.until(to, java.time.temporal.ChronoUnit.MONTHS) + 1;
        this.sums = new long[n][10];
    }

    void add(MrrTimeline t) {
        long prev = t.atEndOf(from.minusMonths(1));
        boolean hadRevenue = prev > 0 || t.hadRevenueBefore(from.minusMonths(1));
        for (int i = 0; i < sums.length; i++) {
            YearMonth m = from.plusMonths(i);
            long cur = t.atEndOf(m);
            long[] s = sums[i];
            s[0] += prev;
            s[6] += cur;
            Kind kind = classify(prev, cur, hadRevenue);
            if (kind != null) {
                switch (kind) {
                    case NEW -> {
                        s[1] += cur;
                        s[7]++;
                    }
                    case EXPANSION -> s[2] += cur - prev;
                    case CONTRACTION -> s[3] += prev - cur;
                    case CHURN -> {
                        s[4] += prev;
                        s[8]++;
                    }
                    case REACTIVATION -> {
                        s[5] += cur;
                        s[9]++;
                    }
                }
            }
            if (cur > 0) {
                hadRevenue = true;
            }
            prev = cur;
        }
    }

    List<Month> months() {
        List<Month> out = new ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            long[] s = sums[i];
            out.add(new Month(from.plusMonths(i), s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]));
        }
        return out;
    }
}
