package dev.flywheel.playbook;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Co-marketing assets the owner's team tracks: listings of the integration on external
 * marketplaces (HubSpot App Marketplace, Salesforce AppExchange, ...) and assets made with a
 * partner (webinars, case studies, solution briefs). An asset counts from its live date on; one
 * without a live date is planned. Pure.
 */
final class CoMarketing {

    enum Kind {
        EXTERNAL_LISTING("Listing on an external marketplace"),
        WEBINAR("Joint webinar"),
        CASE_STUDY("Case study"),
        SOLUTION_BRIEF("Solution brief"),
        BLOG_POST("Blog post"),
        EVENT("Event");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param partnerOrgId the partner it was made with, or null (an own listing on an external marketplace)
     * @param channel where it runs: for an external listing, the marketplace's name
     * @param liveOn when it went live, or null while planned
     */
    record Asset(String id, Kind kind, String title, String partnerOrgId, String partnerName, String channel, String url, LocalDate liveOn) {

        public boolean liveOn(LocalDate day) {
            return liveOn != null && !liveOn.isAfter(day);
        }

        public boolean joint() {
            return partnerOrgId != null;
        }
    }

    private CoMarketing() {
    }

    /** The external marketplaces with at least one live listing, by name (case and spacing do not make two marketplaces). */
    static List<String> externalMarketplaces(List<Asset> assets, LocalDate today) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Asset a : assets) {
            if (a.kind() == Kind.EXTERNAL_LISTING && a.liveOn(today) && a.channel() != null && !a.channel().isBlank()) {
                String name = a.channel().trim().replaceAll("\\s+", " ");
                byKey.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** Live assets made together with a partner. */
    static List<Asset> jointAssets(List<Asset> assets, LocalDate today) {
        return assets.stream().filter(a -> a.joint() && a.liveOn(today)).toList();
    }
}
