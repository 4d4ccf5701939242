package dev.flywheel.insights;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;

/**
 * One account's MRR over time, as a step function: the MRR on a day is the amount of the last
 * change effective on or before that day (0 before the first change). When several changes share
 * a day, the last one given wins, so callers pass changes in the order they were recorded.
 *
 * <p>Monthly figures use the MRR at the end of the month: a mid-month upgrade counts in the month
 * it happened, with its full new amount.
 */
record MrrTimeline(String account, LocalDate[] dates, long[] amounts) {

    MrrTimeline {
        if (dates.length != amounts.length) {
            throw new IllegalArgumentException("dates and amounts differ in length");
        }
        for (int i = 1; i < dates.length; i++) {
            if (dates[i].isBefore(dates[i - 1])) {
                throw new IllegalArgumentException("changes of " + account + " are not in date order");
            }
        }
    }

    long on(LocalDate day) {
        int lo = 0;
        int hi = dates.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (!dates[mid].isAfter(day)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : amounts[found];
    }

    long atEndOf(YearMonth month) {
        return on(month.atEndOfMonth());
    }

    /** Month-end MRR for each month from {@code first} to {@code last} inclusive. */
    long[] monthEnds(YearMonth first, YearMonth last) {
        int n = (int) (first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
        long[] out = new long[Math.max(0, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = atEndOf(first.plusMonths(i));
        }
        return out;
    }

    /** Whether the account ever had a positive month-end MRR before {@code month}. */
    boolean hadRevenueBefore(YearMonth month) {
        for (int i = 0; i < dates.length; i++) {
            if (!YearMonth.from(dates[i]).isBefore(month)) {
                break;
            }
            if (atEndOf(YearMonth.from(dates[i])) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The first month with a positive month-end MRR, or null. */
    YearMonth firstRevenueMonth() {
        for (LocalDate d : dates) {
            YearMonth m = YearMonth.from(d);
            if (atEndOf(m) > 0) {
                return m;
            }
        }
        return null;
    }

    static MrrTimeline of(String account, LocalDate[] dates, long[] amounts) {
        return new MrrTimeline(account, Arrays.copyOf(dates, dates.length), Arrays.copyOf(amounts, amounts.length));
    }
}
