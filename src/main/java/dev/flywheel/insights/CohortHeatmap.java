package dev.flywheel.insights;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Revenue cohorts: an account belongs to the cohort of the first month it had a positive
 * month-end MRR. Cell (cohort c, age k) = Σ MRR at the end of month c+k over the cohort / Σ MRR at
 * the end of month c (net MRR retention; can exceed 1), with the share of the cohort's accounts
 * still paying beside it. Only cohorts starting in from..to are shown, and only ages up to {@code to}.
 */
final class CohortHeatmap {

    record Cell(int age, long mrr, long accounts, BigDecimal mrrRetention, BigDecimal logoRetention) {
    }

    record Row(YearMonth cohort, long accounts, long startingMrr, List<Cell> cells) {
    }

    private final YearMonth from;
    private final YearMonth to;
    private final Map<YearMonth, long[][]> cohorts = new TreeMap<>(); // age -> {mrr, accounts}

    CohortHeatmap(YearMonth from, YearMonth to) {
        this.from = from;
        this.to = to;
    }

    void add(MrrTimeline t) {
        YearMonth cohort = t.firstRevenueMonth();
        if (cohort == null || cohort.isBefore(from) || cohort.isAfter(to)) {
            return;
        }
        int ages = (int) cohort.until(to, ChronoUnit.MONTHS) + 1;
        long[][] row = cohorts.computeIfAbsent(cohort, c -> new long[ages][2]);
        for (int k = 0; k < ages; k++) {
            long mrr = t.atEndOf(cohort.plusMonths(k));
            row[k][0] += mrr;
            if (mrr > 0) {
                row[k][1]++;
            }
        }
    }

    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        cohorts.forEach((cohort, row) -> {
            List<Cell> cells = new ArrayList<>();
            for (int k = 0; k < row.length; k++) {
                cells.add(new Cell(k, row[k][0], row[k][1], Ratios.of(row[k][0], row[0][0]), Ratios.of(row[k][1], row[0][1])));
            }
            out.add(new Row(cohort, row[0][1], row[0][0], cells));
        });
        return out;
    }
}
