package dev.flywheel.playbook;

import dev.flywheel.events.Events;
import dev.flywheel.marketplace.MarketplaceActivity;
import dev.flywheel.marketplace.MarketplaceActivity.ListingAdoption;
import dev.flywheel.partners.PartnerActivity;
import dev.flywheel.platform.Mode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Growth resting on a single pillar: measured activity per pillar over the last
 * {@code pillar-window} against the window before, and only one pillar growing. Network effects
 * are marketplace installs, data amplification the live events received, cross-sell the
 * partner-sourced leads plus deal registrations; each is read through its module's public API.
 * The stakeholders' lever scores are not evidence here: the impact vs effort matrix warns about
 * those itself.
 */
@Component
class SinglePillarRule implements HealthRule {

    /** One pillar's measured activity in the window before and in the recent one. */
    record PillarActivity(LeverPriority.Pillar pillar, String measure, long previous, long recent) {
    }

    private final MarketplaceActivity marketplace;
    private final Events events;
    private final PartnerActivity partners;
    private final PlaybookProperties properties;

    SinglePillarRule(MarketplaceActivity marketplace, Events events, PartnerActivity partners, PlaybookProperties properties) {
        this.marketplace = marketplace;
        this.events = events;
        this.partners = partners;
        this.properties = properties;
    }

    @Override
    public Stall stall() {
        return Stall.SINGLE_PILLAR;
    }

    @Override
    public Finding check(Instant now) {
        Instant end = now.plusNanos(1);
        Instant middle = now.minus(properties.pillarWindow());
        Instant start = middle.minus(properties.pillarWindow());
        long installsBefore = installs(start, middle);
        long installsRecent = installs(middle, end);
        // volumeByType counts from a point up to now: the window before is the longer span minus the recent one.
        long eventsSinceStart = total(events.volumeByType(Mode.LIVE, start));
        long eventsRecent = total(events.volumeByType(Mode.LIVE, middle));
        long crossBefore = partners.partnerSourcedLeads(start, middle) + partners.dealRegistrations(start, middle).registrations();
        long crossRecent = partners.partnerSourcedLeads(middle, end) + partners.dealRegistrations(middle, end).registrations();
        return evaluate(List.of(
                new PillarActivity(LeverPriority.Pillar.NETWORK_EFFECTS, "marketplace installs", installsBefore, installsRecent),
                new PillarActivity(LeverPriority.Pillar.DATA_AMPLIFICATION, "live events received", Math.max(0, eventsSinceStart - eventsRecent), eventsRecent),
                new PillarActivity(LeverPriority.Pillar.CROSS_SELL, "partner-sourced leads and deal registrations", crossBefore, crossRecent)),
                properties);
    }

    private long installs(Instant from, Instant to) {
        return marketplace.adoption(from, to).stream().mapToLong(ListingAdoption::installs).sum();
    }

    private static long total(Map<String, Long> volume) {
        return volume.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * A pillar grows when its recent figure reaches {@code pillar-min-activity} and is at least
     * {@code pillar-growth-percent} above the window before (anything counts as growth from zero).
     * Too little data to judge when no pillar reaches {@code pillar-min-activity} in either window.
     */
    static Finding evaluate(List<PillarActivity> pillars, PlaybookProperties p) {
        long days = p.pillarWindow().toDays();
        String figures = pillars.stream().map(a -> a.pillar().label() + " (" + a.measure() + ") " + a.previous() + " → " + a.recent())
                .collect(Collectors.joining("; "));
        String checked = "Last " + days + " days against the " + days + " before: " + figures;
        boolean enoughData = pillars.stream().anyMatch(a -> a.previous() >= p.pillarMinActivity() || a.recent() >= p.pillarMinActivity());
        if (!enoughData) {
            return Finding.healthy(checked + "; too little data to judge (no pillar reaches " + p.pillarMinActivity() + " in either window).");
        }
        List<PillarActivity> growing = pillars.stream().filter(a -> grows(a, p)).toList();
        if (growing.size() != 1) {
            return Finding.healthy(checked + "; " + (growing.isEmpty() ? "no pillar" : growing.size() + " pillars") + " growing by "
                    + p.pillarGrowthPercent() + "% or more.");
        }
        PillarActivity single = growing.get(0);
        List<PillarActivity> others = pillars.stream().filter(a -> a != single).toList();
        return new Finding(checked + ".", List.of(new Warning(Severity.WARNING, single.pillar().label(),
                "Only " + single.pillar().label() + " grew in the last " + days + " days (" + single.measure() + " " + single.previous() + " → "
                        + single.recent() + ", " + change(single) + "); "
                        + others.stream().map(a -> a.pillar().label() + " " + trend(a) + " ("
                                + a.measure() + " " + a.previous() + " → " + a.recent() + ")").collect(Collectors.joining(", ")) + ".",
                "Put effort into levers that feed " + others.stream().map(a -> a.pillar().label()).collect(Collectors.joining(" and "))
                        + " (see the impact vs effort matrix) so growth does not hang on one mechanism: "
                        + others.stream().map(a -> advice(a.pillar())).collect(Collectors.joining("; ")) + ".")));
    }

    private static boolean grows(PillarActivity a, PlaybookProperties p) {
        return a.recent() >= p.pillarMinActivity() && a.recent() > a.previous()
                && (a.recent() - a.previous()) * 100 >= (long) p.pillarGrowthPercent() * a.previous();
    }

    private static String trend(PillarActivity a) {
        return a.recent() < a.previous() ? "fell" : a.recent() == a.previous() ? "stayed flat" : "barely moved";
    }

    private static String change(PillarActivity a) {
        return a.previous() == 0 ? "from nothing" : "+" + (a.recent() - a.previous()) * 100 / a.previous() + "%";
    }

    private static String advice(LeverPriority.Pillar pillar) {
        return switch (pillar) {
            case NETWORK_EFFECTS -> "recruit and feature marketplace apps and templates";
            case DATA_AMPLIFICATION -> "get apps and customers sending events through the public API";
            case CROSS_SELL -> "activate partners with referral links, coupons and deal registration";
        };
    }
}
