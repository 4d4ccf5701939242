package dev.flywheel.identity;

import dev.flywheel.platform.console.DashboardCard;
import dev.flywheel.platform.console.DashboardSource;
import dev.flywheel.platform.console.NavItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;

/** The identity module's navigation entries and home-page cards. */
@Configuration(proxyBeanMethods = false)
class IdentityConsole {

    static final Set<String> OWNER_STAFF = Set.of(Role.OWNER_ADMIN.authority(), Role.PARTNER_MANAGER.authority(), Role.ANALYST.authority());
    static final Set<String> EVERYONE = Set.of(OrganizationKind.OWNER.authority(), OrganizationKind.PARTNER.authority(),
            OrganizationKind.CUSTOMER.authority());
    static final Set<String> OWNER_ADMIN = Set.of(Role.OWNER_ADMIN.authority());

    @Bean
    NavItem homeNav() {
        return new NavItem("Overview", "Home", "/console", 0, EVERYONE);
    }

    @Bean
    NavItem partnersNav() {
        return new NavItem("Ecosystem", "Partners", "/console/partners", 100, OWNER_STAFF);
    }

    @Bean
    NavItem accountsNav() {
        return new NavItem("Ecosystem", "Customer accounts", "/console/accounts", 110, OWNER_STAFF);
    }

    @Bean
    NavItem teamNav() {
        return new NavItem("Organization", "Team", "/console/team", 900, EVERYONE);
    }

    @Bean
    NavItem apiKeysNav() {
        return new NavItem("Organization", "API keys", "/console/api-keys", 910, OWNER_ADMIN);
    }

    @Bean
    NavItem auditNav() {
        return new NavItem("Organization", "Audit log", "/console/audit", 920, OWNER_ADMIN);
    }

    @Bean
    NavItem apiDocsNav() {
        return new NavItem("Developers", "API reference", "/docs/api", 800, EVERYONE);
    }

    @Bean
    DashboardSource identityCards(Organizations organizations, UserRepository users, ApiKeys keys, OrganizationRepository repository) {
        return viewer -> {
            Caller caller = Caller.current().orElse(null);
            if (caller == null) {
                return List.of();
            }
            List<DashboardCard> cards = new ArrayList<>();
            if (caller.isOwner()) {
                List<DashboardCard.Figure> byType = new ArrayList<>();
                byType.add(new DashboardCard.Figure("partners", String.valueOf(organizations.count(OrganizationKind.PARTNER))));
                for (Object[] row : repository.partnerCountsByType()) {
                    byType.add(new DashboardCard.Figure(String.valueOf(row[0]).toLowerCase(Locale.ROOT), String.valueOf(row[1])));
                }
                cards.add(new DashboardCard("Partners", byType, "/console/partners", 10));
                cards.add(new DashboardCard("Customer accounts",
                        List.of(new DashboardCard.Figure("accounts", String.valueOf(organizations.count(OrganizationKind.CUSTOMER)))),
                        "/console/accounts", 20));
                if (caller.isOwnerAdmin()) {
                    cards.add(new DashboardCard("Access", List.of(
                            new DashboardCard.Figure("users", String.valueOf(users.count())),
                            new DashboardCard.Figure("active API keys", String.valueOf(keys.countActive()))), "/console/api-keys", 90));
                }
            } else {
                Organization own = organizations.find(caller.organizationId()).orElseThrow();
                String kind = own.kind() == OrganizationKind.PARTNER
                        ? own.partnerType().name().toLowerCase(Locale.ROOT) + " partner" : "customer account";
                cards.add(new DashboardCard(own.name(), List.of(
                        new DashboardCard.Figure("organization", kind),
                        new DashboardCard.Figure("team members", String.valueOf(users.ofOrganization(own.id()).size()))),
                        "/console/team", 10));
            }
            return cards;
        };
    }
}
