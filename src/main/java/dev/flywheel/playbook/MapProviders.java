package dev.flywheel.playbook;

import dev.flywheel.community.Community;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The map providers for identity (the product, accounts, partners) and community (templates and the apps they need). */
@Configuration(proxyBeanMethods = false)
class MapProviders {

    static final String PRODUCT = "product";

    @Bean
    MapProvider identityMap(Organizations organizations) {
        return MapProvider.of(0, () -> {
            List<EcosystemMap.Node> nodes = new ArrayList<>();
            List<EcosystemMap.Edge> edges = new ArrayList<>();
            Organization owner = organizations.owner();
            nodes.add(new EcosystemMap.Node(PRODUCT, EcosystemMap.Kind.PRODUCT, owner.name(), 1, "identity: the owner organization"));
            long accounts = organizations.count(OrganizationKind.CUSTOMER);
            if (accounts > 0) {
                nodes.add(new EcosystemMap.Node("customers", EcosystemMap.Kind.CUSTOMERS, "Customer accounts", accounts, "identity: customer accounts"));
                edges.add(new EcosystemMap.Edge("customers", PRODUCT, EcosystemMap.Flow.USERS, accounts, accounts + " accounts", false));
            }
            Map<PartnerType, Long> byType = new EnumMap<>(PartnerType.class);
            String after = null;
            // Partners are counted page by page through the facade (at most a few thousand in practice).
            for (int pages = 0; pages < 100; pages++) {
                CursorPage<Organization> page = organizations.partners(null, new PageQuery(100, after));
                page.data().forEach(p -> byType.merge(p.partnerType(), 1L, Long::sum));
                if (!page.hasMore()) {
                    break;
                }
                after = page.nextStartingAfter();
            }
            byType.forEach((type, count) -> {
                String id = "partners:" + type.name().toLowerCase(Locale.ROOT);
                String label = switch (type) {
                    case TECHNOLOGY -> "Technology partners";
                    case SOLUTION -> "Solution partners";
                    case REFERRAL -> "Referral partners";
                };
                nodes.add(new EcosystemMap.Node(id, EcosystemMap.Kind.PARTNERS, label, count, "identity: partners by type"));
                EcosystemMap.Flow flow = type == PartnerType.TECHNOLOGY ? EcosystemMap.Flow.DATA : EcosystemMap.Flow.USERS;
                edges.add(new EcosystemMap.Edge(id, PRODUCT, flow, count, count + " partners", false));
            });
            return new MapProvider.Contribution(nodes, edges);
        });
    }

    @Bean
    MapProvider communityMap(Community community) {
        // After the marketplace (an app a template needs is the marketplace's node when it is listed there), before revenue.
        return MapProvider.of(25, () -> {
            List<EcosystemMap.Node> nodes = new ArrayList<>();
            List<EcosystemMap.Edge> edges = new ArrayList<>();
            Community.Figures figures = community.figures();
            if (figures.publishedTemplates() == 0) {
                return new MapProvider.Contribution(nodes, edges);
            }
            nodes.add(new EcosystemMap.Node("community", EcosystemMap.Kind.COMMUNITY, "Template gallery", figures.publishedTemplates(),
                    "community: published templates"));
            edges.add(new EcosystemMap.Edge("community", PRODUCT, EcosystemMap.Flow.USERS, figures.activeUses(),
                    figures.activeUses() + " active uses", false));
            Map<String, Long> apps = new LinkedHashMap<>();
            for (Community.TemplateUse t : community.topTemplates(8)) {
                String id = "template:" + t.id();
                nodes.add(new EcosystemMap.Node(id, EcosystemMap.Kind.COMMUNITY, t.title(), t.activeUses(), "community: template"));
                edges.add(new EcosystemMap.Edge(id, "community", EcosystemMap.Flow.USERS, t.activeUses(), t.activeUses() + " active uses", false));
                for (String app : t.apps()) {
                    apps.merge(app, Math.max(1, t.activeUses()), Long::sum);
                    edges.add(new EcosystemMap.Edge(id, FlowMapProviders.appId(app), EcosystemMap.Flow.USERS, Math.max(1, t.activeUses()),
                            t.activeUses() + " active uses need " + app, true));
                }
            }
            apps.forEach((app, weight) -> {
                String id = FlowMapProviders.appId(app);
                nodes.add(new EcosystemMap.Node(id, EcosystemMap.Kind.INTEGRATION, app, weight, "community: apps templates need"));
                edges.add(new EcosystemMap.Edge(id, PRODUCT, EcosystemMap.Flow.DATA, weight, "integration", true));
            });
            return new MapProvider.Contribution(nodes, edges);
        });
    }
}
