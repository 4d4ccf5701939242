package dev.flywheel.marketplace;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One automated check of a submitted listing version. Checks are small, independent beans run in
 * {@link #order()} by {@link ReviewPipeline}; each returns a {@link Result} and never throws for a
 * finding. A {@code FAILED} result rejects the version with the findings as reasons; a
 * {@code WARNING} goes to the human reviewer.
 */
interface ReviewCheck {

    /** A stable name shown to partners and reviewers, e.g. {@code required-fields}. */
    String name();

    int order();

    Result check(Subject subject);

    enum Outcome {
        PASSED, WARNING, FAILED, NOT_APPLICABLE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Result(String check, Outcome outcome, List<String> findings) {

        public Result {
            findings = List.copyOf(findings);
        }

        static Result passed(String check) {
            return new Result(check, Outcome.PASSED, List.of());
        }
    }

    /**
     * What is being checked, and the published listings of the marketplace to compare with.
     *
     * @param appId the developer platform app linked to the listing, or null
     */
    record Subject(String listingId, String partnerId, String appId, ListingContent content, List<PublishedName> published) {
    }

    /** A published listing's name, for the similarity check. */
    record PublishedName(String listingId, String partnerId, String name, Instant publishedAt) {
    }

    static Result of(String check, List<String> failures, List<String> warnings) {
        if (!failures.isEmpty()) {
            List<String> all = new java.util.ArrayList<>(failures);
            all.addAll(warnings);
            return new Result(check, Outcome.FAILED, all);
        }
        return warnings.isEmpty() ? Result.passed(check) : new Result(check, Outcome.WARNING, warnings);
    }
}
