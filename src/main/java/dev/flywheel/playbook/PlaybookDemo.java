package dev.flywheel.playbook;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.PageQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The demo's playbook: three stakeholders' lever scores, integration targets from a survey, a
 * launch that started 38 days ago with the first phases' tasks ticked off (one left overdue), and
 * a co-marketing register with a live external listing, a planned one and a joint webinar.
 * Generating again adds another round of scores and leaves the launch and the register as they are.
 */
@Component
class PlaybookDemo implements DemoContributor {

    /** Impact and effort (1–5) per built-in lever, as each stakeholder sees it. */
    private static final Map<String, Map<String, int[]>> SCORES = Map.of(
            "Head of partnerships", Map.of("lev_builtin_public_api", new int[] {5, 3}, "lev_builtin_templates", new int[] {4, 2},
                    "lev_builtin_webinars", new int[] {4, 2}, "lev_builtin_ai_onboarding", new int[] {3, 5}, "lev_builtin_community", new int[] {3, 3}),
            "CTO", Map.of("lev_builtin_public_api", new int[] {5, 4}, "lev_builtin_templates", new int[] {3, 2},
                    "lev_builtin_webinars", new int[] {2, 1}, "lev_builtin_ai_onboarding", new int[] {4, 5}, "lev_builtin_community", new int[] {2, 3}),
            "VP marketing", Map.of("lev_builtin_public_api", new int[] {4, 4}, "lev_builtin_templates", new int[] {5, 2},
                    "lev_builtin_webinars", new int[] {4, 2}, "lev_builtin_ai_onboarding", new int[] {3, 4}, "lev_builtin_community", new int[] {4, 3}));

    private static final List<String> TARGETS = List.of("Salesforce", "HubSpot", "Slack");

    private final PlaybookRepository playbook;
    private final LaunchRepository launch;
    private final LaunchTracker tracker;
    private final Organizations organizations;
    private final Clock clock;

    PlaybookDemo(PlaybookRepository playbook, LaunchRepository launch, LaunchTracker tracker, Organizations organizations, Clock clock) {
        this.playbook = playbook;
        this.launch = launch;
        this.tracker = tracker;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 61;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        SCORES.forEach((who, levers) -> levers.forEach((lever, s) -> playbook.insertScore(Ids.next("lsc"), lever, who, s[0], s[1], now)));
        int respondents = 40 + random.nextInt(20);
        for (int i = 0; i < TARGETS.size(); i++) {
            int daily = respondents * (70 - 15 * i) / 100;
            playbook.insertTarget(new PlaybookRepository.Target(Ids.next("itg"), TARGETS.get(i), BigDecimal.valueOf(daily * (3 - i)).setScale(4),
                    daily, respondents, ToolNames.feasibility(TARGETS.get(i)).name().toLowerCase(java.util.Locale.ROOT), i == 0 ? "building" : "planned", now));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (tracker.start().isEmpty()) {
            LocalDate start = today.minusDays(37);
            tracker.start(start);
            for (LaunchRepository.Task t : launch.tasks()) {
                // Everything due before today is done, except the sandbox task: the demo shows an overdue one.
                if (t.builtin() && LaunchPlan.date(start, t.dueDay()).isBefore(today) && !t.id().equals("ltk_builtin_sandbox")) {
                    launch.tick(t.id(), "demo", LaunchPlan.date(start, t.dueDay()).atStartOfDay().toInstant(ZoneOffset.UTC));
                }
            }
            launch.note("ltk_builtin_sandbox", "Test-mode keys work; the sample data set for the sandbox is still missing.");
            launch.note("ltk_builtin_survey", "52 customers answered; Salesforce, HubSpot and Slack lead.");
        }
        if (launch.assets().isEmpty()) {
            List<Organization> tech = organizations.partners(null, PageQuery.first(PageQuery.MAX_LIMIT)).data().stream()
                    .filter(p -> p.partnerType() == PartnerType.TECHNOLOGY).toList();
            launch.insertAsset(new CoMarketing.Asset(Ids.next("cma"), CoMarketing.Kind.EXTERNAL_LISTING, "Our app on the HubSpot App Marketplace", null, null,
                    "HubSpot App Marketplace", "https://ecosystem.hubspot.com/marketplace/apps", today.minusDays(9)), now);
            launch.insertAsset(new CoMarketing.Asset(Ids.next("cma"), CoMarketing.Kind.EXTERNAL_LISTING, "Our app on Salesforce AppExchange", null, null,
                    "Salesforce AppExchange", "https://appexchange.salesforce.com/", null), now);
            if (!tech.isEmpty()) {
                Organization partner = tech.get(random.nextInt(tech.size()));
                launch.insertAsset(new CoMarketing.Asset(Ids.next("cma"), CoMarketing.Kind.WEBINAR, "Automating deal desks with " + partner.name(),
                        partner.id(), null, "Joint webinar", null, today.minusDays(4)), now);
                launch.insertAsset(new CoMarketing.Asset(Ids.next("cma"), CoMarketing.Kind.CASE_STUDY, "How a customer cut onboarding time with "
                        + partner.name(), partner.id(), null, null, null, null), now);
            }
        }
    }
}
