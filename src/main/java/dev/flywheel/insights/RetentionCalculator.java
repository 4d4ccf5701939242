package dev.flywheel.insights;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Net and gross revenue retention and logo churn over a period of whole months, by integration
 * depth.
 *
 * <p>The published formulas, for the period {@code from}..{@code to}:
 * <ul>
 * <li>start MRR of an account = its MRR at the end of the month before {@code from}; end MRR = its
 * MRR at the end of {@code to};</li>
 * <li>the cohort S = accounts with start MRR &gt; 0 (new business during the period is excluded:
 * an account that starts paying in the period is not in S);</li>
 * <li>NRR = Σ<sub>S</sub> end / Σ<sub>S</sub> start;</li>
 * <li>GRR = Σ<sub>S</sub> min(end, start) / Σ<sub>S</sub> start (expansion is capped at each account's
 * start MRR, so GRR ≤ 1);</li>
 * <li>logo churn = |{a ∈ S : end = 0}| / |S| (an account that churns and comes back before the end
 * of the period is retained);</li>
 * <li>the segment is the account's integration depth at the start of the period (distinct
 * integrations active at 00:00 UTC on the first day of {@code from}): 0, 1–2 or 3+.</li>
 * </ul>
 */
final class RetentionCalculator {

    /** One segment's sums; ratios are derived. */
    record Segment(String segment, long customers, long startMrr, long endMrr, long cappedMrr, long churnedCustomers) {

        BigDecimal nrr() {
            return Ratios.of(endMrr, startMrr);
        }

        BigDecimal grr() {
            return Ratios.of(cappedMrr, startMrr);
        }

        BigDecimal logoChurn() {
            return Ratios.of(churnedCustomers, customers);
        }
    }

    private static final class Sums {
        long customers;
        long start;
        long end;
        long capped;
        long churned;
    }

    private final YearMonth from;
    private final YearMonth to;
    private final Map<DepthSegment, Sums> sums = new EnumMap<>(DepthSegment.class);

    RetentionCalculator(YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        this.from = from;
        this.to = to;
        for (DepthSegment s : DepthSegment.values()) {
            sums.put(s, new Sums());
        }
    }

    void add(MrrTimeline timeline, int depthAtStart) {
        add(timeline.atEndOf(from.minusMonths(1)), timeline.atEndOf(to), depthAtStart);
    }

    /** Adds one account by its start and end MRR; accounts not paying at the start are new business and ignored. */
    void add(long start, long end, int depthAtStart) {
        if (start <= 0) {
            return;
        }
        Sums s = sums.get(DepthSegment.of(depthAtStart));
        s.customers++;
        s.start += start;
        s.end += end;
        s.capped += Math.min(start, end);
        if (end <= 0) {
            s.churned++;
        }
    }

    List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        for (DepthSegment d : DepthSegment.values()) {
            Sums s = sums.get(d);
            out.add(new Segment(d.wire(), s.customers, s.start, s.end, s.capped, s.churned));
        }
        return out;
    }

    Segment total() {
        Sums t = new Sums();
        for (Sums s : sums.values()) {
            t.customers += s.customers;
            t.start += s.start;
            t.end += s.end;
            t.capped += s.capped;
            t.churned += s.churned;
        }
        return new Segment("all", t.customers, t.start, t.end, t.capped, t.churned);
    }

    YearMonth from() {
        return from;
    }

    YearMonth to() {
        return to;
    }
}
