package dev.flywheel.mapping;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.svg.Charts;
import dev.flywheel.platform.web.ApiException;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The overlap matrix page, for the owner's staff (pick a partner) and for partners (their own partnership). */
@Controller
class MappingPages {

    private final AccountMapping mapping;
    private final Organizations organizations;

    MappingPages(AccountMapping mapping, Organizations organizations) {
        this.mapping = mapping;
        this.organizations = organizations;
    }

    @GetMapping("/console/mapping")
    @PreAuthorize("hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST','PARTNER_ADMIN','PARTNER_MEMBER')")
    String overlaps(@RequestParam(name = "partner_id", required = false) String partnerId, Caller caller, Model model) {
        if (caller.isOwner()) {
            List<Organization> partners = organizations.partners(null, PageQuery.first(PageQuery.MAX_LIMIT)).data();
            model.addAttribute("partners", partners);
            if (partnerId == null && !partners.isEmpty()) {
                partnerId = partners.get(0).id();
            }
            model.addAttribute("partnerId", partnerId);
            if (partnerId == null) {
                return "mapping/overlaps";
            }
        }
        try {
            AccountMapping.Matrix m = mapping.matrix(caller, partnerId);
            model.addAttribute("mutual", m.mutualCustomers() == null ? null : m.mutualCustomers() + " mutual customers");
            model.addAttribute("partnerName", organizations.find(m.partnerId()).map(Organization::name).orElse(m.partnerId()));
            List<Population> owner = m.ownerPopulations();
            List<Population> partner = m.partnerPopulations();
            Double[][] values = new Double[owner.size()][partner.size()];
            String[][] texts = new String[owner.size()][partner.size()];
            double max = 1;
            for (AccountMapping.Cell c : m.cells()) {
                int r = indexOf(owner, c.ownerPopulationId());
                int k = indexOf(partner, c.partnerPopulationId());
                values[r][k] = (double) c.overlap();
                texts[r][k] = c.overlap() + (c.coSellPriority() ? " ★" : "");
                max = Math.max(max, c.overlap());
            }
            model.addAttribute("chart", owner.isEmpty() || partner.isEmpty() ? null : Charts.heatmap("Overlap matrix",
                    owner.stream().map(MappingPages::label).toList(), partner.stream().map(MappingPages::label).toList(), values, texts, max));
            Population.Side me = AccountMapping.sideOf(caller);
            model.addAttribute("populations", mapping.visible(caller, partnerId).stream().map(p -> java.util.Map.of("name", p.name(),
                    "side", p.side() == me ? "yours" : "theirs", "kind", p.kind().wire(), "policy", p.policy().wire(), "records", p.records())).toList());
            model.addAttribute("shown", true);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "mapping/overlaps";
    }

    private static String label(Population p) {
        return p.name() + " (" + p.kind().wire() + ")";
    }

    private static int indexOf(List<Population> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("population " + id + " not in the matrix");
    }


    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavItem mappingNav() {
            return new NavItem("Ecosystem", "Account mapping", "/console/mapping", 130,
                    Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST", "ROLE_PARTNER_ADMIN", "ROLE_PARTNER_MEMBER"));
        }
    }
}
