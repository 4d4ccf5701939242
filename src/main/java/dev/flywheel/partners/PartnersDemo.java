package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The demo's partner program: every demo partner joins, registers a few prospects (some clash with
 * another partner or an existing customer), most are approved, some are won (earning commissions
 * under the standard plan) or lost; a certification course with completions; tiers evaluated.
 */
@Component
class PartnersDemo implements DemoContributor {

    private static final List<String> PROSPECTS = List.of("Aurora", "Basalt", "Cobalt", "Dune", "Ember", "Fjord", "Glacier", "Heron", "Ivy",
            "Jasper", "Kestrel", "Lagoon", "Meadow", "Nova", "Onyx", "Prairie", "Quill", "Raven", "Sierra", "Tundra");

    private final Organizations organizations;
    private final Program program;
    private final DealRegistrations registrations;
    private final Enablement enablement;
    private final Clock clock;

    PartnersDemo(Organizations organizations, Program program, DealRegistrations registrations, Enablement enablement, Clock clock) {
        this.organizations = organizations;
        this.program = program;
        this.registrations = registrations;
        this.enablement = enablement;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Organization owner = organizations.owner();
        Caller manager = new Caller("demo", owner.id(), OrganizationKind.OWNER, null, Mode.LIVE, "demo partner manager");
        List<Organization> partners = new ArrayList<>();
        PageQuery query = PageQuery.first(100);
        while (true) {
            CursorPage<Organization> page = organizations.partners(null, query);
            partners.addAll(page.data());
            if (!page.hasMore()) {
                break;
            }
            query = new PageQuery(100, page.nextStartingAfter());
        }
        Enablement.Course certification = enablement.createCourse("Certified implementation specialist", true, 365);
        enablement.createCourse("Partner onboarding", false, null);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> usedDomains = new ArrayList<>();
        for (Organization partner : partners) {
            program.membership(partner.id());
            int certified = random.nextInt(4);
            for (int i = 0; i < certified; i++) {
                enablement.complete(certification, partner.id(), "staff" + i + "@" + partner.domain(), clock.instant().minusSeconds(86_400L * random.nextInt(300)));
            }
            int deals = 1 + random.nextInt(5);
            for (int d = 0; d < deals; d++) {
                String prospect = PROSPECTS.get(random.nextInt(PROSPECTS.size())) + " " + (100 + random.nextInt(900));
                // Now and then a partner registers a domain someone registered already: a conflict to review.
                String domain = !usedDomains.isEmpty() && random.nextInt(10) == 0 ? usedDomains.get(random.nextInt(usedDomains.size()))
                        : prospect.toLowerCase().replace(' ', '-') + ".example";
                usedDomains.add(domain);
                long value = (5 + random.nextInt(300)) * 100_000L;
                String currency = random.nextInt(5) == 0 ? "EUR" : "USD";
                DealRegistration r = registrations.register(partner.id(), Mode.LIVE, new DealRegistrations.Registering(prospect, domain,
                        "buyer@" + domain, Money.of(value, currency), "Platform", today.plusDays(14 + random.nextInt(120))));
                if (!r.conflicts().isEmpty()) {
                    if (random.nextBoolean()) {
                        registrations.reject(r.id(), manager, r.conflicts().get(0).detail());
                    }
                    continue;
                }
                int fate = random.nextInt(10);
                if (fate == 0) {
                    continue; // still waiting for review
                }
                if (fate == 1) {
                    registrations.reject(r.id(), manager, "Outside the program's target segment");
                    continue;
                }
                registrations.approve(r.id(), manager, null, null);
                if (fate <= 5) {
                    continue; // approved and protected, still open
                }
                boolean won = fate <= 8;
                registrations.close(r.id(), manager, new DealRegistrations.Closing(won,
                        won ? Money.of(value * (80 + random.nextInt(40)) / 100, currency) : null, today, 12 * (1 + random.nextInt(3)),
                        null, List.of()));
            }
            program.evaluate(partner.id(), clock.instant());
        }
    }
}
