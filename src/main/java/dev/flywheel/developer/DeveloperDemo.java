package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The developer platform's part of the demo: every technology partner gets a live app (a
 * confidential OAuth client with typical scopes, some pinned to v2, some with an app key).
 * Sandboxes are not made here: a partner's sandbox appears when it registers its first test-mode
 * app or asks for it, so the demo's customer accounts stay the ones the product sent. Partners
 * that already have apps are left alone, so running it again adds nothing twice.
 */
@Component
class DeveloperDemo implements DemoContributor {

    private static final List<List<String>> SCOPE_SETS = List.of(
            List.of("accounts:read", "events:read", "webhooks:write"),
            List.of("contacts:read", "deals:read"),
            List.of("deals:read", "deals:write", "webhooks:read"),
            List.of("events:read", "events:write"));
    private static final List<String> SUFFIXES = List.of("Sync", "Connector", "Bridge", "Insights", "Automations");

    private final Apps apps;
    private final Organizations organizations;

    DeveloperDemo(Apps apps, Organizations organizations) {
        this.apps = apps;
        this.organizations = organizations;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        PageQuery query = PageQuery.first(PageQuery.MAX_LIMIT);
        while (true) {
            CursorPage<Organization> page = organizations.partners(null, query);
            for (Organization partner : page.data()) {
                if (partner.partnerType() == PartnerType.TECHNOLOGY) {
                    appsFor(partner, random);
                }
            }
            if (!page.hasMore()) {
                return;
            }
            query = new PageQuery(PageQuery.MAX_LIMIT, page.nextStartingAfter());
        }
    }

    private void appsFor(Organization partner, Random random) {
        Caller live = new Caller("demo", partner.id(), OrganizationKind.PARTNER, null, Mode.LIVE, "demo generator");
        if (!apps.list(live, PageQuery.first(1)).data().isEmpty()) {
            return;
        }
        String slug = partner.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String name = partner.name() + " " + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
        List<String> scopes = SCOPE_SETS.get(random.nextInt(SCOPE_SETS.size()));
        String home = "https://" + (slug.isEmpty() ? "partner" : slug) + ".example";
        App app = apps.register(live, new Apps.NewApp(name, ClientType.CONFIDENTIAL, List.of(home + "/oauth/callback"), scopes, null, home,
                home + "/privacy", home + "/terms", random.nextInt(3) == 0 ? "v2" : "v1")).app();
        if (random.nextBoolean()) {
            apps.issueKey(live, app.id(), name + " server key", null, null);
        }
    }
}
