package dev.flywheel.marketplace;

import java.util.ArrayList;
import java.util.List;

/**
 * How complete a listing is, as a score from 0 to 1 and the checklist behind it. Complete
 * listings convert better, so the score is shown while editing and is a term of the ranking.
 * Each item has a weight; the score is the done weight over the total weight.
 */
final class Completeness {

    record Item(String label, int weight, boolean done) {
    }

    record Result(double score, List<Item> items) {

        public List<Item> missing() {
            return items.stream().filter(i -> !i.done()).toList();
        }

        public int percent() {
            return (int) Math.round(score * 100);
        }
    }

    private Completeness() {
    }

    static Result of(ListingContent c) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("A name", 3, filled(c.name())));
        items.add(new Item("A tagline of at least 20 characters", 2, length(c.tagline()) >= 20));
        items.add(new Item("The job the app does, in at least 80 characters", 3, length(c.job()) >= 80));
        items.add(new Item("How it works", 2, length(c.howItWorks()) >= 40));
        items.add(new Item("Setup steps", 2, length(c.setup()) >= 40));
        items.add(new Item("At least one category", 2, !c.categories().isEmpty()));
        items.add(new Item("At least three keywords", 1, c.keywords().size() >= 3));
        items.add(new Item("At least three screenshots", 2, c.screenshots().size() >= 3));
        items.add(new Item("A demo video", 1, filled(c.demoVideoUrl())));
        items.add(new Item("At least one pricing plan", 2, !c.pricing().isEmpty()));
        items.add(new Item("A support URL", 2, filled(c.supportUrl())));
        items.add(new Item("A privacy policy URL", 2, filled(c.privacyUrl())));
        items.add(new Item("Terms of service URL", 1, filled(c.termsUrl())));
        items.add(new Item("Declared features that justify every requested scope", 2,
                !c.features().isEmpty() && c.justifiedScopes().containsAll(c.requiredScopes())));
        items.add(new Item("Supported API versions", 1, !c.apiVersions().isEmpty()));
        int total = items.stream().mapToInt(Item::weight).sum();
        int done = items.stream().filter(Item::done).mapToInt(Item::weight).sum();
        return new Result((double) done / total, List.copyOf(items));
    }

    private static boolean filled(String s) {
        return s != null && !s.isBlank();
    }

    private static int length(String s) {
        return s == null ? 0 : s.strip().length();
    }
}
