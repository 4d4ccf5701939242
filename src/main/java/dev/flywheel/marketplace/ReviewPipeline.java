package dev.flywheel.marketplace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The automated part of the review: every {@link ReviewCheck} bean in order. A check that crashes
 * does not decide anything: it is reported as a warning for the human reviewer.
 */
@Component
class ReviewPipeline {

    private static final Logger log = LoggerFactory.getLogger(ReviewPipeline.class);

    private final List<ReviewCheck> checks;

    ReviewPipeline(List<ReviewCheck> checks) {
        this.checks = checks.stream().sorted(Comparator.comparingInt(ReviewCheck::order)).toList();
    }

    List<ReviewCheck.Result> run(ReviewCheck.Subject subject) {
        List<ReviewCheck.Result> results = new ArrayList<>();
        for (ReviewCheck check : checks) {
            try {
                results.add(check.check(subject));
            } catch (RuntimeException e) {
                log.warn("Review check {} failed on listing {}", check.name(), subject.listingId(), e);
                results.add(new ReviewCheck.Result(check.name(), ReviewCheck.Outcome.WARNING,
                        List.of("the check could not run (" + e.getClass().getSimpleName() + "); a reviewer must look at this part")));
            }
        }
        return results;
    }

    List<String> names() {
        return checks.stream().map(ReviewCheck::name).toList();
    }

    static boolean passed(List<ReviewCheck.Result> results) {
        return results.stream().noneMatch(r -> r.outcome() == ReviewCheck.Outcome.FAILED);
    }

    /** The findings of failed checks: the reasons a version is rejected automatically. */
    static List<String> failures(List<ReviewCheck.Result> results) {
        return results.stream().filter(r -> r.outcome() == ReviewCheck.Outcome.FAILED)
                .flatMap(r -> r.findings().stream().map(f -> r.check() + ": " + f)).toList();
    }
}
