package dev.flywheel.events;

import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.web.PublicPaths;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    @Bean
    NavItem eventCatalogNav() {
        return new NavItem("Developers", "Event catalog", "/console/events/catalog", 820,
                Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST", "ROLE_PARTNER_ADMIN", "ROLE_PARTNER_MEMBER"));
    }

    @Bean
    NavItem eventLogNav() {
        return new NavItem("Developers", "Event log", "/console/events", 830, Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST"));
    }

    /** The AsyncAPI export is public, like the OpenAPI document, so tools can fetch it without a key. */
    @Bean
    PublicPaths eventsPublicPaths() {
        return new PublicPaths(List.of(), List.of("/api/v1/event-types/asyncapi"));
    }
}
