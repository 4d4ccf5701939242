package dev.flywheel.marketplace;

import dev.flywheel.platform.web.PublicPaths;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The marketplace's beans that are not components of their own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketplaceProperties.class)
class MarketplaceConfiguration {

    /** The storefront, app pages and the listing API are open to anyone, signed in or not. */
    @Bean
    PublicPaths marketplacePublicPaths() {
        return new PublicPaths(List.of("/marketplace", "/marketplace/apps/*", "/marketplace/apps/*/install-click"),
                List.of("/api/v1/marketplace/listings", "/api/v1/marketplace/listings/*", "/api/v1/marketplace/listings/*/reviews",
                        "/api/v1/marketplace/collections"));
    }

    @Bean
    UrlGuard marketplaceUrlGuard(MarketplaceProperties properties) {
        return new UrlGuard(properties.allowPrivateNetworks(), UrlGuard.DNS);
    }
}
