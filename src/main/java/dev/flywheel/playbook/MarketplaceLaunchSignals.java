package dev.flywheel.playbook;

import dev.flywheel.marketplace.MarketplaceActivity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The launch criterion the marketplace module measures, read through its public
 * {@link MarketplaceActivity} facade: integration partners with at least one live (published,
 * not suspended) listing, counted now.
 */
@Configuration(proxyBeanMethods = false)
class MarketplaceLaunchSignals {

    @Bean
    LaunchSignal activeIntegrationPartnersSignal(MarketplaceActivity marketplace) {
        return LaunchSignals.signal(LaunchCriterion.ACTIVE_INTEGRATION_PARTNERS, now -> partners(marketplace.livePartners()));
    }

    static LaunchSignal.Measurement partners(MarketplaceActivity.LivePartners p) {
        return new LaunchSignal.Measurement(p.partners(), p.partners() == 0
                ? "No partner has a published listing live in the marketplace."
                : p.partners() + " partner(s) with " + p.listings() + " published listing(s) live in the marketplace (suspended listings not counted).");
    }
}
