package dev.flywheel.playbook;

import dev.flywheel.marketplace.MarketplaceActivity;
import dev.flywheel.marketplace.MarketplaceActivity.ListingAdoption;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Growth resting on a single app: one marketplace app takes most of the recent installs. */
@Component
class SingleAppRule implements HealthRule {

    private final MarketplaceActivity marketplace;
    private final PlaybookProperties properties;

    SingleAppRule(MarketplaceActivity marketplace, PlaybookProperties properties) {
        this.marketplace = marketplace;
        this.properties = properties;
    }

    @Override
    public Stall stall() {
        return Stall.SINGLE_APP;
    }

    @Override
    public Finding check(Instant now) {
        return evaluate(marketplace.adoption(now.minus(properties.installWindow()), now.plusNanos(1)), properties);
    }

    static Finding evaluate(List<ListingAdoption> listings, PlaybookProperties p) {
        long days = p.installWindow().toDays();
        long total = listings.stream().mapToLong(ListingAdoption::installs).sum();
        long withInstalls = listings.stream().filter(l -> l.installs() > 0).count();
        String checked = total + " install(s) in the last " + days + " days across " + withInstalls + " of " + listings.size() + " live listing(s)"
                + (total < p.singleAppMinInstalls() ? "; too few to judge (at least " + p.singleAppMinInstalls() + " needed)." : ".");
        if (total < p.singleAppMinInstalls()) {
            return Finding.healthy(checked);
        }
        ListingAdoption top = listings.stream().max(java.util.Comparator.comparingLong(ListingAdoption::installs)).orElseThrow();
        long percent = top.installs() * 100 / total;
        if (top.installs() * 100 < (long) p.singleAppPercent() * total) {
            return Finding.healthy(checked);
        }
        Severity severity = top.installs() * 100 >= 90L * total ? Severity.CRITICAL : Severity.WARNING;
        return new Finding(checked, List.of(new Warning(severity, "'" + top.name() + "'",
                top.installs() + " of " + total + " install(s) in the last " + days + " days (" + percent + "%, the limit is " + p.singleAppPercent()
                        + "%) went to '" + top.name() + "'.",
                "Recruit and feature integrations for the other tools your customers use daily (see the integration survey), and put "
                        + "other apps in featured collections, so growth does not hang on one partner.")));
    }
}
