package dev.flywheel.playbook;

import dev.flywheel.marketplace.MarketplaceActivity;
import dev.flywheel.marketplace.MarketplaceActivity.ListingAdoption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Integrations launched with no adoption measured: listings published longer than
 * {@code no-adoption-after} ago with no install, or installed but never activated. The two call
 * for different actions. Examples are named newest first.
 */
@Component
class NoAdoptionRule implements HealthRule {

    static final int EXAMPLES = 5;

    private final MarketplaceActivity marketplace;
    private final PlaybookProperties properties;

    NoAdoptionRule(MarketplaceActivity marketplace, PlaybookProperties properties) {
        this.marketplace = marketplace;
        this.properties = properties;
    }

    @Override
    public Stall stall() {
        return Stall.NO_ADOPTION;
    }

    @Override
    public Finding check(Instant now) {
        return evaluate(marketplace.adoption(Instant.EPOCH, now.plusNanos(1)), properties, now);
    }

    /** {@code listings}: every live listing with its installs and activations to date. */
    static Finding evaluate(List<ListingAdoption> listings, PlaybookProperties p, Instant now) {
        long days = p.noAdoptionAfter().toDays();
        Instant cutoff = now.minus(p.noAdoptionAfter());
        List<ListingAdoption> old = listings.stream().filter(l -> l.firstPublishedAt() != null && l.firstPublishedAt().isBefore(cutoff)).toList();
        // newest first: a launch that just went quiet is the one a partner manager can still rescue
        List<ListingAdoption> idle = old.stream().filter(l -> l.installs() == 0 || l.activations() == 0)
                .sorted(Comparator.comparing(ListingAdoption::firstPublishedAt).reversed()).toList();
        String checked = old.size() + " live listing(s) published more than " + days + " days ago; " + idle.size()
                + " with no install or no activation.";
        if (idle.isEmpty()) {
            return Finding.healthy(checked);
        }
        boolean critical = idle.size() * 2L >= old.size();
        boolean anyUninstalled = idle.stream().anyMatch(l -> l.installs() == 0);
        boolean anyUnused = idle.stream().anyMatch(l -> l.installs() > 0);
        String examples = idle.stream().limit(EXAMPLES)
                .map(l -> "'" + l.name() + "' (published " + LocalDate.ofInstant(l.firstPublishedAt(), ZoneOffset.UTC)
                        + (l.installs() == 0 ? ", never installed)" : ", " + l.installs() + " install(s), none activated)"))
                .collect(Collectors.joining(", "));
        String action = (anyUninstalled ? "Never-installed apps need a launch: a co-marketing asset with the partner, a place in a featured "
                + "collection and an in-product prompt. " : "")
                + (anyUnused ? "Installed but never activated points to a hard setup: walk through it with the partner and fix the first step. " : "")
                + "Agree an adoption goal with each partner at launch.";
        return new Finding(checked, List.of(new Warning(critical ? Severity.CRITICAL : Severity.WARNING, "Marketplace adoption",
                idle.size() + " of " + old.size() + " listing(s) published more than " + days + " days ago show no adoption: " + examples
                        + (idle.size() > EXAMPLES ? " and " + (idle.size() - EXAMPLES) + " more." : "."),
                action.trim())));
    }
}
