package dev.flywheel.partners;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner's pipeline review per partner: deals registered, won and lost, close rate, average
 * won deal size, days from registration to close, and the stage where open deals stall. Pure.
 */
final class PipelineReview {

    /**
     * One partner's figures. {@code closeRate} is won / (won + lost) in percent, null before any
     * deal closed; {@code averageWon} per currency; {@code stalledStage} is where the oldest open
     * deal waits, with its age in days.
     */
    record Row(String partnerId, int registered, int approved, int won, int lost, int rejected, int expired, BigDecimal closeRate,
            Map<String, Money> averageWon, Long averageDaysToClose, String stalledStage, Long stalledDays) {
    }

    private PipelineReview() {
    }

    static List<Row> summarize(List<DealRegistration> registrations, Instant now) {
        Map<String, List<DealRegistration>> byPartner = new LinkedHashMap<>();
        for (DealRegistration d : registrations) {
            byPartner.computeIfAbsent(d.partnerId(), k -> new ArrayList<>()).add(d);
        }
        List<Row> rows = new ArrayList<>();
        byPartner.forEach((partner, deals) -> rows.add(row(partner, deals, now)));
        return rows;
    }

    private static Row row(String partner, List<DealRegistration> deals, Instant now) {
        int approved = 0;
        int won = 0;
        int lost = 0;
        int rejected = 0;
        int expired = 0;
        long daysToClose = 0;
        int closed = 0;
        Map<String, long[]> wonSums = new LinkedHashMap<>();
        DealRegistration oldestOpen = null;
        for (DealRegistration d : deals) {
            switch (d.status()) {
                case APPROVED -> approved++;
                case WON -> won++;
                case LOST -> lost++;
                case REJECTED -> rejected++;
                case EXPIRED -> expired++;
                case SUBMITTED -> {
                }
            }
            if (d.status() == DealStatus.WON || d.status() == DealStatus.LOST) {
                closed++;
                daysToClose += Math.max(0, ChronoUnit.DAYS.between(d.createdAt().atZone(ZoneOffset.UTC).toLocalDate(), d.closedOn()));
            }
            if (d.status() == DealStatus.WON && d.wonValue() != null) {
                long[] s = wonSums.computeIfAbsent(d.wonValue().currency(), c -> new long[2]);
                s[0] += d.wonValue().amount();
                s[1]++;
            }
            if (d.status().isOpen() && (oldestOpen == null || d.createdAt().isBefore(oldestOpen.createdAt()))) {
                oldestOpen = d;
            }
        }
        Map<String, Money> average = new LinkedHashMap<>();
        wonSums.forEach((currency, s) -> average.put(currency, Money.of(Math.round((double) s[0] / s[1]), currency)));
        BigDecimal closeRate = won + lost == 0 ? null
                : BigDecimal.valueOf(won * 100L).divide(BigDecimal.valueOf(won + lost), 1, RoundingMode.HALF_EVEN);
        return new Row(partner, deals.size(), approved, won, lost, rejected, expired, closeRate, average,
                closed == 0 ? null : daysToClose / closed, oldestOpen == null ? null : oldestOpen.status().wire(),
                oldestOpen == null ? null : Duration.between(oldestOpen.createdAt(), now).toDays());
    }

    static String csv(List<Row> rows, Map<String, String> names) {
        StringBuilder out = new StringBuilder(
                "partner_id,partner_name,registered,approved,won,lost,rejected,expired,close_rate_percent,average_won,average_days_to_close,stalled_stage,stalled_days\r\n");
        for (Row r : rows) {
            String average = String.join(" ", r.averageWon().values().stream().map(Money::toString).toList());
            out.append(String.join(",", r.partnerId(), cell(names.getOrDefault(r.partnerId(), "")), String.valueOf(r.registered()),
                    String.valueOf(r.approved()), String.valueOf(r.won()), String.valueOf(r.lost()), String.valueOf(r.rejected()),
                    String.valueOf(r.expired()), r.closeRate() == null ? "" : r.closeRate().toPlainString(), cell(average),
                    r.averageDaysToClose() == null ? "" : String.valueOf(r.averageDaysToClose()), r.stalledStage() == null ? "" : r.stalledStage(),
                    r.stalledDays() == null ? "" : String.valueOf(r.stalledDays()))).append("\r\n");
        }
        return out.toString();
    }

    /** A CSV cell, quoted when needed and guarded against spreadsheet formula injection. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
