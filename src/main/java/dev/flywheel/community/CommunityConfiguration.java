package dev.flywheel.community;

import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.web.PublicPaths;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the community module opens to anonymous visitors, and its console navigation. */
@Configuration(proxyBeanMethods = false)
class CommunityConfiguration {

    static final Set<String> EVERYONE = Set.of("ORG_OWNER", "ORG_PARTNER", "ORG_CUSTOMER");
    static final Set<String> MODERATORS = Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER");

    @Bean
    PublicPaths communityPublicPaths() {
        // The gallery pages, the n8n template-library API and the gallery's read API need no sign-in.
        return new PublicPaths(List.of("/community", "/community/templates/**", "/community/contributors/**", "/n8n/**"),
                List.of("/api/v1/community/gallery/**"));
    }

    @Bean
    NavItem galleryNav() {
        return new NavItem("Community", "Template gallery", "/community", 400, EVERYONE);
    }

    @Bean
    NavItem submitTemplateNav() {
        return new NavItem("Community", "Submit a template", "/community/submit", 410, EVERYONE);
    }

    @Bean
    NavItem moderationNav() {
        return new NavItem("Community", "Moderation", "/console/community/moderation", 420, MODERATORS);
    }
}
