package dev.flywheel.marketplace;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Typosquatting and copycats: a name confusable with another partner's published app fails;
 * a name that is another app's name plus generic words ("Acme Sync Pro") goes to the reviewer.
 * A partner's own apps may share a stem.
 */
@Component
class NameSimilarityCheck implements ReviewCheck {

    @Override
    public String name() {
        return "name-similarity";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Result check(Subject subject) {
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (PublishedName other : subject.published()) {
            if (other.listingId().equals(subject.listingId()) || other.partnerId().equals(subject.partnerId())) {
                continue;
            }
            switch (NameSimilarity.compare(subject.content().name(), other.name())) {
                case CONFUSABLE -> failures.add("the name is confusingly similar to the published app \"" + other.name()
                        + "\" of another partner: choose a distinct name");
                case DERIVED -> warnings.add("the name builds on the published app \"" + other.name()
                        + "\" of another partner: the reviewer will confirm it is not a copycat");
                case DISTINCT -> {
                }
            }
        }
        return ReviewCheck.of(name(), failures, warnings);
    }
}
