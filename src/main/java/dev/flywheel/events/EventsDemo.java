package dev.flywheel.events;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's event log: for each customer account, the product's usual events over the last 90
 * days (sign-ups, completed tasks, upgrades, failed payments, won deals), tagged with source and
 * outcome, through the same ingestion path the API uses.
 */
@Component
class EventsDemo implements DemoContributor {

    private static final String[] SOURCES = {"web", "mobile", "api", "crm"};
    private static final String[] PLANS = {"starter", "team", "business", "enterprise"};

    private final Events events;
    private final Organizations organizations;
    private final JsonMapper json;
    private final Clock clock;

    EventsDemo(Events events, Organizations organizations, JsonMapper json, Clock clock) {
        this.events = events;
        this.organizations = organizations;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        List<NewEvent> batch = new ArrayList<>();
        String after = null;
        do {
            CursorPage<Organization> page = organizations.accounts(Mode.LIVE, null, new PageQuery(PageQuery.MAX_LIMIT, after));
            for (Organization account : page.data()) {
                String ref = account.externalId();
                int users = 1 + random.nextInt(4);
                for (int u = 0; u < users; u++) {
                    String user = ref + "-u" + u;
                    batch.add(event(ref, "user.created", user, "web", "created", ago(now, random, 90),
                            data("user_id", user, "role", u == 0 ? "admin" : "member")));
                    for (int t = random.nextInt(4); t > 0; t--) {
                        batch.add(event(ref, "task.completed", user, SOURCES[random.nextInt(SOURCES.length)], "completed", ago(now, random, 60),
                                data("task_id", "t" + random.nextInt(100_000), "project", "Onboarding")));
                    }
                }
                if (random.nextInt(4) == 0) {
                    int from = random.nextInt(PLANS.length - 1);
                    batch.add(event(ref, "subscription.upgraded", null, "billing", "upgraded", ago(now, random, 60),
                            data("from_plan", PLANS[from], "to_plan", PLANS[from + 1])));
                }
                if (random.nextInt(10) == 0) {
                    batch.add(event(ref, "payment.failed", null, "billing", "failed", ago(now, random, 30),
                            data("invoice_id", "in_" + random.nextInt(1_000_000), "reason", "card_declined")));
                }
                if (random.nextInt(6) == 0) {
                    ObjectNode deal = data("deal_id", "d_" + random.nextInt(1_000_000), "currency", "USD");
                    deal.put("amount", 1000 * (5 + random.nextInt(200)));
                    batch.add(event(ref, "deal.closed_won", null, "crm", "won", ago(now, random, 90), deal));
                }
                if (batch.size() >= 900) {
                    events.ingest(Mode.LIVE, List.copyOf(batch));
                    batch.clear();
                }
            }
            after = page.hasMore() ? page.nextStartingAfter() : null;
        } while (after != null);
        if (!batch.isEmpty()) {
            events.ingest(Mode.LIVE, batch);
        }
    }

    private static NewEvent event(String account, String type, String user, String source, String outcome, Instant at, ObjectNode data) {
        return new NewEvent(null, type, account, user, source, outcome, at, null, data);
    }

    private ObjectNode data(String k1, String v1, String k2, String v2) {
        ObjectNode node = json.createObjectNode();
        node.put(k1, v1);
        node.put(k2, v2);
        return node;
    }

    private static Instant ago(Instant now, Random random, int days) {
        return now.minus(Duration.ofMinutes(random.nextInt(days * 24 * 60)));
    }
}
