package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.pipeline.PartnerPipelineSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Deal-registration pipeline from the partners module (read through the {@link PartnerPipelineSource}
 * contract it provides), in the reporting currency, for the dashboard, the API and the scorecard.
 *
 * <p>Registrations created in the period, by their status today. <b>Partner-sourced pipeline</b> =
 * the estimates of those still open (submitted or approved). <b>Win rate</b> = won / (won + lost);
 * rejected and expired registrations never became deals and are left out. Amounts in other
 * currencies are never converted: their registrations are counted in {@code otherCurrencyRegistrations}.
 */
@Service
class PartnerPipeline {

    static final List<String> STATUSES = List.of("submitted", "approved", "rejected", "won", "lost", "expired");

    record Status(String status, long registrations, long estimatedAmount) {
    }

    record Figures(String from, String to, String currency, long registrations, List<Status> byStatus, long openPipeline, long wonAmount, BigDecimal winRate,
            long otherCurrencyRegistrations) {
    }

    private final PartnerPipelineSource partners;
    private final InsightsProperties properties;

    PartnerPipeline(PartnerPipelineSource partners, InsightsProperties properties) {
        this.partners = partners;
        this.properties = properties;
    }

    Figures figures(Mode mode, Period period) {
        return of(period, properties.currency(), partners.pipeline(mode, period.startInstant(), period.endExclusive()));
    }

    /** The figures from the partners module's lines: a pure function, tested on its own. */
    static Figures of(Period period, String currency, List<PartnerPipelineSource.Line> lines) {
        Map<String, long[]> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(s -> byStatus.put(s, new long[2]));
        long registrations = 0;
        long open = 0;
        long wonAmount = 0;
        long other = 0;
        for (PartnerPipelineSource.Line line : lines) {
            long[] acc = byStatus.computeIfAbsent(line.status(), s -> new long[2]);
            acc[0] += line.registrations();
            registrations += line.registrations();
            if (!currency.equals(line.currency())) {
                other += line.registrations();
                continue;
            }
            acc[1] += line.estimatedAmount();
            if (line.open()) {
                open += line.estimatedAmount();
            }
            wonAmount += line.wonAmount();
        }
        List<Status> statuses = new ArrayList<>();
        byStatus.forEach((s, acc) -> statuses.add(new Status(s, acc[0], acc[1])));
        long won = byStatus.get("won")[0];
        long lost = byStatus.get("lost")[0];
        return new Figures(period.from().toString(), period.to().toString(), currency, registrations, statuses, open, wonAmount, Ratios.of(won, won + lost), other);
    }
}
