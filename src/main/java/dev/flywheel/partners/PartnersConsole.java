package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.console.DashboardCard;
import dev.flywheel.platform.console.DashboardSource;
import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.paging.PageQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The partner program's navigation entries and home-page cards. */
@Configuration(proxyBeanMethods = false)
class PartnersConsole {

    @Bean
    NavItem partnerProgramNav() {
        return new NavItem("Program", "Partner program", "/console/partner-program", 200,
                Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST"));
    }

    @Bean
    NavItem partnerPortalNav() {
        return new NavItem("Program", "Partner portal", "/console/portal", 200, Set.of(OrganizationKind.PARTNER.authority()));
    }

    @Bean
    DashboardSource partnerProgramCards(DealRegistrations registrations, Program program, Ledger ledger, Clock clock) {
        return viewer -> {
            Caller caller = Caller.current().orElse(null);
            if (caller == null) {
                return List.of();
            }
            List<DashboardCard> cards = new ArrayList<>();
            if (caller.isOwner()) {
                var pending = registrations.page(null, Mode.LIVE, DealStatus.SUBMITTED, PageQuery.first(100)).data();
                long overdue = pending.stream().filter(d -> d.isOverdue(clock.instant())).count();
                cards.add(new DashboardCard("Partner program", List.of(
                        new DashboardCard.Figure("registrations to review", pending.size() == 100 ? "100+" : String.valueOf(pending.size())),
                        new DashboardCard.Figure("past their review SLA", String.valueOf(overdue))), "/console/partner-program", 30));
            } else if (caller.organizationKind() == OrganizationKind.PARTNER) {
                var m = program.membership(caller.organizationId());
                List<DashboardCard.Figure> figures = new ArrayList<>();
                figures.add(new DashboardCard.Figure("tier", m.tier()));
                for (PartnerPages.BalanceRow b : PartnerPages.balances(ledger.balances(caller.organizationId(), Mode.LIVE))) {
                    figures.add(new DashboardCard.Figure("available " + b.currency(), b.available().toDecimalString()));
                }
                cards.add(new DashboardCard("Partner program", figures, "/console/portal", 20));
            }
            return cards;
        };
    }
}
