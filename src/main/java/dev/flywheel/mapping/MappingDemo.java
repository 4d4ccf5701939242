package dev.flywheel.mapping;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * Demo account mapping with the first partners: the owner shares its customers (counts) and
 * prospects (overlaps, names only); each partner shares its customers and open opportunities.
 */
@Component
class MappingDemo implements DemoContributor {

    private final AccountMapping mapping;
    private final Organizations organizations;

    MappingDemo(AccountMapping mapping, Organizations organizations) {
        this.mapping = mapping;
        this.organizations = organizations;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        List<Map<String, String>> customers = new ArrayList<>();
        PageQuery q = PageQuery.first(PageQuery.MAX_LIMIT);
        while (true) {
            CursorPage<Organization> page = organizations.accounts(Mode.LIVE, null, q);
            for (Organization a : page.data()) {
                if (a.domain() != null) {
                    customers.add(Map.of("name", a.name(), "domain", a.domain(), "segment", a.segment() == null ? "" : a.segment()));
                }
            }
            if (!page.hasMore()) {
                break;
            }
            q = new PageQuery(PageQuery.MAX_LIMIT, page.nextStartingAfter());
        }
        List<Map<String, String>> prospects = new ArrayList<>();
        for (int i = 0; i < Math.max(20, customers.size() / 3); i++) {
            prospects.add(Map.of("name", "Prospect " + i, "domain", "prospect" + i + ".example", "stage", random.nextBoolean() ? "evaluation" : "discovery"));
        }
        Organization owner = organizations.owner();
        Caller ownerCaller = new Caller("demo", owner.id(), OrganizationKind.OWNER, null, Mode.LIVE, "demo generator");
        List<Organization> partners = organizations.partners(null, PageQuery.first(6)).data();
        for (Organization partner : partners) {
            mapping.create(ownerCaller, partner.id(), "Our customers", PopulationKind.CUSTOMERS, SharingPolicy.COUNTS, List.of(), customers);
            mapping.create(ownerCaller, partner.id(), "Our prospects", PopulationKind.PROSPECTS, SharingPolicy.OVERLAPS, List.of("name", "stage"), prospects);
            Caller partnerCaller = new Caller("demo", partner.id(), OrganizationKind.PARTNER, null, Mode.LIVE, "demo generator");
            List<Map<String, String>> theirs = new ArrayList<>();
            List<Map<String, String>> pipeline = new ArrayList<>();
            double share = 0.05 + random.nextDouble() * 0.3;
            for (Map<String, String> c : customers) {
                if (random.nextDouble() < share) {
                    theirs.add(Map.of("name", c.get("name"), "domain", c.get("domain")));
                }
            }
            for (int i = 0; i < 40; i++) {
                theirs.add(Map.of("name", "Client " + i, "domain", "client" + i + "-" + partner.id().substring(4, 10) + ".example"));
            }
            for (Map<String, String> p : prospects) {
                if (random.nextDouble() < 0.2) {
                    pipeline.add(Map.of("name", p.get("name"), "domain", p.get("domain"), "stage", "proposal"));
                }
            }
            mapping.create(partnerCaller, null, "Customers", PopulationKind.CUSTOMERS, SharingPolicy.COUNTS, List.of(), theirs);
            mapping.create(partnerCaller, null, "Open opportunities", PopulationKind.OPPORTUNITIES, SharingPolicy.OVERLAPS, List.of("stage"), pipeline);
        }
    }
}
