package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/**
 * Read figures about the product's own subscription revenue for other modules (the playbook's
 * ecosystem map): the MRR in force today, from the MRR changes the product reported. Computed
 * from the stored facts on every call, like every other insights figure.
 */
@Service
public class SubscriptionRevenue {

    /** The MRR in force today and how many accounts pay it, in the insights currency. */
    public record Mrr(Money mrr, long payingAccounts) {
    }

    private final FactReader facts;
    private final InsightsProperties properties;
    private final Clock clock;

    SubscriptionRevenue(FactReader facts, InsightsProperties properties, Clock clock) {
        this.facts = facts;
        this.properties = properties;
        this.clock = clock;
    }

    public Mrr current(Mode mode) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long[] total = {0, 0};
        facts.forEachTimeline(mode, timeline -> {
            long mrr = timeline.on(today);
            if (mrr > 0) {
                total[0] = Math.addExact(total[0], mrr);
                total[1]++;
            }
        });
        return new Mrr(Money.of(total[0], properties.currency()), total[1]);
    }
}
