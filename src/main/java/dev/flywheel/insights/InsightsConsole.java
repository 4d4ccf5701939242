package dev.flywheel.insights;

import dev.flywheel.platform.console.NavItem;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The insights entry in the console navigation. */
@Configuration(proxyBeanMethods = false)
class InsightsConsole {

    @Bean
    NavItem insightsNav() {
        return new NavItem("Insights", "Ecosystem insights", "/console/insights", 500,
                Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST"));
    }
}
