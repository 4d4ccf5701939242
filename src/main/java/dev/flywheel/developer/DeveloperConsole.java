package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.console.DashboardCard;
import dev.flywheel.platform.console.DashboardSource;
import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.web.PublicPaths;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The developer module's navigation, dashboard card and public pages. */
@Configuration(proxyBeanMethods = false)
class DeveloperConsole {

    @Bean
    NavItem developerAppsNav() {
        return new NavItem("Developers", "Apps", "/console/apps", 810, Set.of("ROLE_PARTNER_ADMIN", "ROLE_PARTNER_MEMBER", "ROLE_OWNER_ADMIN"));
    }

    @Bean
    NavItem developerPortalNav() {
        return new NavItem("Developers", "Developer portal", "/developers", 805, Set.of("ORG_OWNER", "ORG_PARTNER"));
    }

    @Bean
    NavItem connectedAppsNav() {
        return new NavItem("Organization", "Connected apps", "/console/connected-apps", 905, Set.of("ORG_CUSTOMER"));
    }

    @Bean
    PublicPaths developerPublicPaths() {
        return new PublicPaths(List.of("/developers", "/developers/**"), List.of());
    }

    @Bean
    DashboardSource developerCards(Apps apps) {
        return viewer -> {
            Caller caller = Caller.from(viewer).orElse(null);
            if (caller == null || !caller.isOwnerAdmin()) {
                return List.of();
            }
            return List.of(new DashboardCard("Developer platform",
                    List.of(new DashboardCard.Figure("active apps", String.valueOf(apps.countActive()))), "/console/apps", 80));
        };
    }
}
