package dev.flywheel.playbook;

import dev.flywheel.identity.Organizations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The launch signals for the modules that exist. The co-marketing register is the playbook's own
 * data; the other criteria get their signal from the module that holds the data once it is present.
 */
@Configuration(proxyBeanMethods = false)
class LaunchSignals {

    @Bean
    LaunchSignal externalMarketplacesSignal(LaunchRepository repository) {
        return signal(LaunchCriterion.EXTERNAL_MARKETPLACES, now -> {
            List<String> marketplaces = CoMarketing.externalMarketplaces(repository.assets(), day(now));
            return new LaunchSignal.Measurement(marketplaces.size(), marketplaces.isEmpty()
                    ? "No live external marketplace listing in the co-marketing register."
                    : "Live listings in the co-marketing register on: " + String.join(", ", marketplaces) + ".");
        });
    }

    @Bean
    LaunchSignal jointCoMarketingSignal(LaunchRepository repository, Organizations organizations) {
        return signal(LaunchCriterion.JOINT_CO_MARKETING, now -> {
            List<CoMarketing.Asset> joint = CoMarketing.jointAssets(LaunchTracker.named(repository.assets(), organizations), day(now));
            return new LaunchSignal.Measurement(joint.size(), joint.isEmpty()
                    ? "No live asset made with a partner in the co-marketing register."
                    : "Live with partners: " + joint.stream().limit(5).map(a -> a.title() + " (" + a.partnerName() + ")")
                            .collect(Collectors.joining(", ")) + (joint.size() > 5 ? " and " + (joint.size() - 5) + " more." : "."));
        });
    }

    static LaunchSignal signal(LaunchCriterion criterion, java.util.function.Function<Instant, LaunchSignal.Measurement> measure) {
        return new LaunchSignal() {
            @Override
            public LaunchCriterion criterion() {
                return criterion;
            }

            @Override
            public Measurement measure(Instant now) {
                return measure.apply(now);
            }
        };
    }

    static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
