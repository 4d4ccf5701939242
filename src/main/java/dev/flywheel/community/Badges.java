package dev.flywheel.community;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The badges a contributor has earned, from plain figures. Pure; computed when a profile is
 * shown, so a badge can never disagree with the data behind it.
 */
final class Badges {

    /** A badge: a stable code, what it says, and why it was earned. */
    record Badge(String code, String label, String reason) {
    }

    /**
     * What a contributor has done.
     *
     * @param publishedTemplates templates of theirs listed in the gallery
     * @param activeUses copies of their templates still in use after the retention period
     * @param featuredTemplates their templates the owner features
     * @param topMonths months in which they were the top contributor
     */
    record Stats(long publishedTemplates, long activeUses, long featuredTemplates, List<YearMonth> topMonths) {
    }

    private Badges() {
    }

    static List<Badge> earned(Stats stats, int activeUsesThreshold) {
        List<Badge> badges = new ArrayList<>();
        if (stats.publishedTemplates() >= 1) {
            badges.add(new Badge("first-template", "First template", "Published a first template in the gallery."));
        }
        if (stats.activeUses() >= activeUsesThreshold) {
            badges.add(new Badge("active-uses-" + activeUsesThreshold, activeUsesThreshold + " active uses",
                    stats.activeUses() + " copies of their templates are still in use after the retention period."));
        }
        if (stats.featuredTemplates() >= 1) {
            badges.add(new Badge("featured", "Featured", stats.featuredTemplates() + " of their templates featured by the owner."));
        }
        for (YearMonth month : stats.topMonths()) {
            badges.add(new Badge("top-contributor-" + month, "Top contributor " + month,
                    "Most new active uses of all contributors in " + month + "."));
        }
        return badges;
    }
}
