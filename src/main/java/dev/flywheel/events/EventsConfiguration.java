package dev.flywheel.events;

import dev.flywheel.platform.web.PublicPaths;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /** The AsyncAPI export is public, like the OpenAPI document, so tools can fetch it without a key. */
    @Bean
    PublicPaths eventsPublicPaths() {
        return new PublicPaths(List.of(), List.of("/api/v1/event-types/asyncapi"));
    }
}
