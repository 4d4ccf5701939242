package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.marketplace.MarketplaceActivity;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.PageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's template gallery: realistic templates (n8n workflows, Zapier templates, a Make
 * scenario, product-native recipes) by partners and the owner, published over the last months,
 * a remix, a featured template and a collection, copies taken by customer accounts with their use
 * reported back (some kept, some dropped), and a moderation queue with a redacted submission, a
 * rejection and a change request. Some templates are paid: customer accounts buy them before
 * taking a copy, and a few that dropped the template within days were refunded — each purchase and
 * refund through {@link TemplateSales}, so the ledger holds what production would. The partners
 * behind the best-selling marketplace apps publish paid templates that name their app exactly as
 * it is listed, which links template, app and revenue on the ecosystem map; this is why the
 * gallery is generated after the marketplace and its sales. Generating again adds another set
 * beside the first.
 */
@Component
class CommunityDemo implements DemoContributor {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One step of a demo n8n workflow. */
    private record Step(String name, String type, ObjectNode parameters) {
    }

    /**
     * A catalog entry: {@code popularity} 0 leaves it without copies, so the gallery also shows what
     * nobody uses; {@code price} in US cents, null for a free template.
     */
    private record Spec(String title, String description, String category, TemplateFormat format, List<String> apps, List<String> scopes,
            ObjectNode payload, int popularity, Long price) {

        Spec(String title, String description, String category, TemplateFormat format, List<String> apps, List<String> scopes,
                ObjectNode payload, int popularity) {
            this(title, description, category, format, apps, scopes, payload, popularity, null);
        }
    }

    /** Best-selling apps that get a paid template from their partner: one at the small size, up to this many at the standard size. */
    static final int APP_TEMPLATES = 4;
    /** Of the buyers who removed a paid template within days, every third (the first included) asked for and got a refund. */
    private static final int REFUND_ONE_IN = 3;

    private final TemplateRepository templates;
    private final CopyRepository copies;
    private final ModerationRepository moderation;
    private final CollectionRepository collections;
    private final TemplateSales sales;
    private final MarketplaceActivity marketplace;
    private final Organizations organizations;
    private final CommunityProperties properties;
    private final Clock clock;

    CommunityDemo(TemplateRepository templates, CopyRepository copies, ModerationRepository moderation, CollectionRepository collections,
            TemplateSales sales, MarketplaceActivity marketplace, Organizations organizations, CommunityProperties properties, Clock clock) {
        this.templates = templates;
        this.copies = copies;
        this.moderation = moderation;
        this.collections = collections;
        this.sales = sales;
        this.marketplace = marketplace;
        this.organizations = organizations;
        this.properties = properties;
        this.clock = clock;
    }

    /** After the marketplace (70) and its sales (75): the partners' app templates name apps that exist and sell. */
    @Override
    public int order() {
        return 80;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        Organization owner = organizations.owner();
        // The product's billing reports purchases and refunds with owner credentials.
        Caller billing = new Caller("demo", owner.id(), OrganizationKind.OWNER, null, Mode.LIVE, "demo billing");
        List<String> dropped = new ArrayList<>();
        List<Organization> partners = organizations.partners(null, PageQuery.first(PageQuery.MAX_LIMIT)).data().stream()
                .filter(p -> p.partnerType() != PartnerType.REFERRAL).toList();
        List<Organization> takers = new ArrayList<>(organizations.accounts(Mode.LIVE, null, PageQuery.first(PageQuery.MAX_LIMIT)).data());
        if (takers.isEmpty()) {
            takers.addAll(partners);
        }
        int scale = Math.max(1, size.customerAccounts() / 150);
        List<Spec> catalog = catalog();
        int count = size.customerAccounts() >= 1000 ? catalog.size() : Math.min(catalog.size(), 8);
        List<Template> published = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Spec spec = catalog.get(i);
            Organization author = partners.isEmpty() || i % 4 == 0 ? owner : partners.get(random.nextInt(partners.size()));
            Instant publishedAt = now.minus(Duration.ofDays(10 + random.nextInt(140))).minus(Duration.ofMinutes(random.nextInt(1440)));
            Template t = publish(spec, author, publishedAt, null, null, i == 0 ? Integer.valueOf(1) : null);
            published.add(t);
            if (spec.price() != null) {
                sales.setPrice(billing, t.id(), spec.price(), "USD");
            }
            if (!takers.isEmpty()) {
                takeCopies(t, random.nextInt(spec.popularity() * scale + 1) + (spec.popularity() > 0 ? spec.popularity() : 0), takers, billing,
                        random, now, dropped);
            }
        }
        appTemplates(size, billing, takers, scale, random, now, dropped);
        Template origin = published.get(0);
        Spec teams = new Spec("HubSpot deal alert to Microsoft Teams", "The Slack deal alert, posting to a Microsoft Teams channel instead, "
                + "with the deal owner mentioned.", "sales", TemplateFormat.N8N_WORKFLOW, List.of("HubSpot", "Microsoft Teams"), List.of("deals:read"),
                n8n(step("New deal in HubSpot", "n8n-nodes-base.hubspotTrigger", params("eventsUi", "deal.creation")),
                        step("Post to Teams", "n8n-nodes-base.microsoftTeams", params("resource", "channelMessage", "messageType", "html",
                                "message", "New deal: {{ $json.properties.dealname }} ({{ $json.properties.amount }})"))), 2);
        Template remix = publish(teams, partners.isEmpty() ? owner : partners.get(random.nextInt(partners.size())),
                now.minus(Duration.ofDays(9)), origin.id(), origin.publishedVersion(), null);
        if (!takers.isEmpty()) {
            takeCopies(remix, 1 + random.nextInt(2 * scale + 1), takers, billing, random, now, dropped);
        }
        collections.insert(Ids.next("col"), "Sales team starter kit", "Deal alerts, CRM activity and pipeline reporting, ready to import.",
                published.stream().filter(t -> t.category().equals("sales") || t.category().equals("data")).map(Template::id).limit(5).toList(), now);
        moderationQueue(owner, partners, random, now);
        for (int i = 0; i < dropped.size(); i += REFUND_ONE_IN) {
            sales.refund(billing, dropped.get(i), "Removed within days of buying: it did not fit the team's workflow.");
        }
        if (!takers.isEmpty() && published.size() > 3) {
            Template reported = published.get(published.size() - 1);
            moderation.insertReport(new ModerationRepository.AbuseReport(Ids.next("abr"), reported.id(), takers.get(0).id(),
                    "admin@" + takers.get(0).domain(), "broken", "The Google Sheets step fails: the sheet id is missing.", "open", null, null,
                    now.minus(Duration.ofDays(2)), null));
        }
    }

    private Template publish(Spec spec, Organization author, Instant at, String remixedFrom, Integer remixedFromVersion, Integer featured) {
        Template t = new Template(Ids.next("tpl"), 0, author.id(), author.kind() == dev.flywheel.identity.OrganizationKind.OWNER ? "community team" : "demo@" + author.domain(),
                spec.title(), spec.description(), spec.category(), spec.format(), spec.apps(), spec.scopes(), remixedFrom, remixedFromVersion, 1, 1,
                ListingState.PUBLISHED, featured, 0, 0, at.minus(Duration.ofDays(1)), at, at);
        templates.insert(t);
        TemplateVersion v = new TemplateVersion(Ids.next("tpv"), t.id(), 1, JSON.writeValueAsString(spec.payload()), List.of(), "First version",
                ReviewState.PENDING, null, null, null, at.minus(Duration.ofDays(1)));
        templates.insertVersion(v);
        templates.decide(v.id(), ReviewState.APPROVED, null, "community team", at);
        return templates.find(t.id()).orElseThrow();
    }

    /**
     * The best-selling live apps (those with sales; one at the small size, up to {@link #APP_TEMPLATES}
     * at the standard size), each with a paid template by the partner that built it. The template
     * names the app exactly as it is listed: the ecosystem map links a template to an app by name,
     * so the template → app → revenue chain shows.
     */
    private void appTemplates(DemoSize size, Caller billing, List<Organization> takers, int scale, Random random, Instant now,
            List<String> dropped) {
        int wanted = Math.min(APP_TEMPLATES, 1 + size.customerAccounts() / 1000);
        List<MarketplaceActivity.AppFlow> selling = marketplace.appFlows(1, wanted).stream().filter(a -> !a.gmv().isEmpty()).limit(wanted).toList();
        for (int i = 0; i < selling.size(); i++) {
            MarketplaceActivity.AppFlow app = selling.get(i);
            Organization partner = organizations.find(app.partnerId()).orElse(null);
            if (partner == null) {
                continue;
            }
            Spec spec = appSpec(app.name(), i);
            Instant publishedAt = now.minus(Duration.ofDays(20 + random.nextInt(70))).minus(Duration.ofMinutes(random.nextInt(1440)));
            Template t = publish(spec, partner, publishedAt, null, null, null);
            sales.setPrice(billing, t.id(), spec.price(), "USD");
            if (!takers.isEmpty()) {
                takeCopies(t, random.nextInt(spec.popularity() * scale + 1) + spec.popularity(), takers, billing, random, now, dropped);
            }
        }
    }

    /**
     * Copies taken over the last two months. Of those whose retention period has passed, most were
     * reported still in use afterwards (active uses), some were removed within the first days, and
     * some were never reported again. A paid template is bought first (once per buyer, shortly
     * before its first copy; its author needs no purchase). The purchases of buyers who removed every
     * copy within days are added to {@code dropped}.
     */
    private void takeCopies(Template t, int n, List<Organization> takers, Caller billing, Random random, Instant now, List<String> dropped) {
        boolean paid = sales.price(t.id()).isPresent();
        Map<String, String> purchaseOf = new LinkedHashMap<>();
        Map<String, Boolean> droppedAll = new LinkedHashMap<>();
        Duration period = properties.retentionPeriod();
        Instant earliest = t.publishedAt();
        long window = Math.max(1, Duration.between(earliest, now).toMinutes());
        for (int i = 0; i < n; i++) {
            Instant taken = earliest.plus(Duration.ofMinutes((long) (random.nextDouble() * window)));
            Instant due = RetainedUse.dueAt(taken, period);
            int fate = random.nextInt(100);
            Instant lastSeen = taken;
            Instant removed = null;
            if (fate < 70 && due.isBefore(now)) {
                long after = Math.max(1, Duration.between(due, now).toMinutes());
                lastSeen = due.plus(Duration.ofMinutes((long) (random.nextDouble() * after)));
            } else if (fate < 85) {
                removed = taken.plus(Duration.ofHours(1 + random.nextInt(24 * 6)));
                if (removed.isAfter(now)) {
                    removed = null;
                }
            }
            Organization taker = takers.get(random.nextInt(takers.size()));
            if (paid && !taker.id().equals(t.authorOrgId()) && !purchaseOf.containsKey(taker.id())) {
                Instant bought = taken.minus(Duration.ofMinutes(1 + random.nextInt(30)));
                bought = bought.isBefore(t.publishedAt()) ? t.publishedAt() : bought;
                // The reference is the product's own id for the charge, as its billing would send it.
                purchaseOf.put(taker.id(), sales.purchase(billing, t.id(), taker.id(), Ids.next("ch"), bought).purchase().id());
            }
            droppedAll.merge(taker.id(), removed != null, Boolean::logicalAnd);
            TemplateCopy copy = new TemplateCopy(Ids.next("cpy"), t.id(), 1, taker.id(), "wf-" + (1000 + random.nextInt(9000)), taken, due, lastSeen,
                    null);
            copies.insert(copy);
            if (removed != null) {
                copies.removed(copy.id(), removed);
            }
            templates.countClone(t.id());
        }
        purchaseOf.forEach((buyer, purchase) -> {
            if (droppedAll.get(buyer)) {
                dropped.add(purchase);
            }
        });
    }

    private void moderationQueue(Organization owner, List<Organization> partners, Random random, Instant now) {
        Organization author = partners.isEmpty() ? owner : partners.get(random.nextInt(partners.size()));
        // Submitted with a real-looking bot token the author asked to have redacted: the stored version carries the marker.
        ObjectNode withToken = n8n(step("New conversation", "n8n-nodes-base.intercomTrigger", params("event", "conversation.user.created")),
                step("Post to Slack", "n8n-nodes-base.httpRequest", params("url", "https://slack.com/api/chat.postMessage", "method", "POST",
                        "headerAuth", "Bearer xoxb-" + "2847561930-4827364519283-kT9mB2vN7qL1wZ8yHcD4fG6j")));
        SecretScanner.Result scan = new SecretScanner().scan(withToken);
        pending(author, "Post Intercom conversations to Slack", "Every new Intercom conversation is posted to the support channel.", "support",
                List.of("Intercom", "Slack"), scan.redacted(), scan.findings(), now.minus(Duration.ofDays(4)), null, null);
        pending(author, "Weekly pipeline report (copy)", "Same as the weekly pipeline report, sent on Mondays.", "data", List.of("Google Sheets"),
                n8n(step("Every Monday", "n8n-nodes-base.scheduleTrigger", params("rule", "weeks")),
                        step("Append rows", "n8n-nodes-base.googleSheets", params("operation", "append"))), List.of(),
                now.minus(Duration.ofDays(12)), ReviewState.REJECTED, "A copy of an existing template with a different schedule; remix the original instead.");
        pending(author, "Salesforce lead routing by territory", "Assigns new Salesforce leads to the right rep by territory.", "sales",
                List.of("Salesforce"), n8n(step("New lead", "n8n-nodes-base.salesforceTrigger", params("triggerOn", "leadCreated")),
                        step("Assign owner", "n8n-nodes-base.salesforce", params("resource", "lead", "operation", "update", "ownerId", "0055e000003XyZ1"))),
                List.of(), now.minus(Duration.ofDays(6)), ReviewState.CHANGES_REQUESTED,
                "The workflow hard-codes one rep's user id; look the owner up by territory so it works for everyone.");
        pending(owner, "Renewal reminder 60 days ahead", "Reminds the account owner in Slack 60 days before a renewal date.", "sales",
                List.of("Slack"), n8n(step("Every day", "n8n-nodes-base.scheduleTrigger", params("rule", "days")),
                        step("Renewals due", "n8n-nodes-base.httpRequest", params("url", "={{ $env.PRODUCT_API }}/renewals?within=60d")),
                        step("Remind owner", "n8n-nodes-base.slack", params("text", "Renewal for {{ $json.account }} on {{ $json.date }}"))),
                List.of(), now.minus(Duration.ofHours(20)), null, null);
    }

    private void pending(Organization author, String title, String description, String category, List<String> apps, tools.jackson.databind.JsonNode payload,
            List<SecretScanner.Finding> redactions, Instant at, ReviewState decision, String reason) {
        ListingState state = decision == null ? ListingState.IN_REVIEW
                : decision == ReviewState.REJECTED ? ListingState.REJECTED : ListingState.CHANGES_REQUESTED;
        Template t = new Template(Ids.next("tpl"), 0, author.id(), "demo@" + author.domain(), title, description, category, TemplateFormat.N8N_WORKFLOW,
                apps, List.of(), null, null, 1, null, state, null, 0, 0, at, at, null);
        templates.insert(t);
        TemplateVersion v = new TemplateVersion(Ids.next("tpv"), t.id(), 1, JSON.writeValueAsString(payload), redactions, null, ReviewState.PENDING,
                null, null, null, at);
        templates.insertVersion(v);
        if (decision != null) {
            templates.decide(v.id(), decision, reason, "community team", at.plus(Duration.ofDays(1)));
        }
    }

    // ---- the catalog

    private static List<Spec> catalog() {
        return List.of(
                new Spec("New HubSpot deal to a Slack alert", "Posts every new HubSpot deal to the sales channel in Slack with its amount and owner.",
                        "sales", TemplateFormat.N8N_WORKFLOW, List.of("HubSpot", "Slack"), List.of("deals:read"),
                        n8n(step("New deal in HubSpot", "n8n-nodes-base.hubspotTrigger", params("eventsUi", "deal.creation")),
                                step("Tell the team", "n8n-nodes-base.slack", params("channel", "#sales",
                                        "text", "New deal: {{ $json.properties.dealname }} ({{ $json.properties.amount }})"))), 3),
                new Spec("Won deals become QuickBooks invoices", "When a deal is won in the product, creates the customer and a draft invoice in "
                        + "QuickBooks Online.", "finance", TemplateFormat.N8N_WORKFLOW, List.of("QuickBooks Online"), List.of("deals:read", "accounts:read"),
                        n8n(step("Deal won", "n8n-nodes-base.webhook", params("path", "deal-won", "httpMethod", "POST")),
                                step("Find or create customer", "n8n-nodes-base.quickbooks", params("resource", "customer", "operation", "create")),
                                step("Draft invoice", "n8n-nodes-base.quickbooks", params("resource", "invoice", "operation", "create"))), 2, 1900L),
                new Spec("Escalate urgent Zendesk tickets to Jira", "Urgent tickets tagged as bugs open a Jira issue linked back to the ticket.",
                        "support", TemplateFormat.N8N_WORKFLOW, List.of("Zendesk", "Jira Software"), List.of(),
                        n8n(step("New ticket", "n8n-nodes-base.zendeskTrigger", params("service", "ticket")),
                                step("Urgent bug?", "n8n-nodes-base.if", params("conditions", "={{ $json.priority === 'urgent' }}")),
                                step("Open Jira issue", "n8n-nodes-base.jira", params("resource", "issue", "operation", "create"))), 3),
                new Spec("Weekly pipeline report to Google Sheets", "Every Monday, appends open pipeline by stage from the product API to a sheet.",
                        "data", TemplateFormat.N8N_WORKFLOW, List.of("Google Sheets"), List.of("deals:read"),
                        n8n(step("Every Monday", "n8n-nodes-base.scheduleTrigger", params("rule", "weeks")),
                                step("Read pipeline", "n8n-nodes-base.httpRequest", params("url", "={{ $env.PRODUCT_API }}/pipeline")),
                                step("Append rows", "n8n-nodes-base.googleSheets", params("operation", "append"))), 2),
                new Spec("Enrich new sign-ups with Clearbit", "Adds company size and industry to every new sign-up and updates the HubSpot contact.",
                        "marketing", TemplateFormat.N8N_WORKFLOW, List.of("Clearbit", "HubSpot"), List.of("accounts:read"),
                        n8n(step("New sign-up", "n8n-nodes-base.webhook", params("path", "signup", "httpMethod", "POST")),
                                step("Enrich", "n8n-nodes-base.clearbit", params("resource", "company", "operation", "enrich")),
                                step("Update contact", "n8n-nodes-base.hubspot", params("resource", "contact", "operation", "upsert"))), 2, 1500L),
                new Spec("Summarise support tickets with OpenAI", "Writes a two-line summary of each new ticket and posts it to the support lead.",
                        "ai", TemplateFormat.N8N_WORKFLOW, List.of("Zendesk", "OpenAI", "Slack"), List.of(),
                        n8n(step("New ticket", "n8n-nodes-base.zendeskTrigger", params("service", "ticket")),
                                step("Summarise", "@n8n/n8n-nodes-langchain.openAi", params("resource", "text", "prompt",
                                        "Summarise in two lines: {{ $json.description }}")),
                                step("Post summary", "n8n-nodes-base.slack", params("channel", "#support-leads"))), 3, 2900L),
                new Spec("Stripe payment marks the Salesforce opportunity won", "A successful Stripe payment closes the matching opportunity.",
                        "sales", TemplateFormat.ZAPIER_TEMPLATE, List.of("Stripe", "Salesforce"), List.of("deals:write"),
                        zap("stripe", "new_charge", "salesforce", "update_record"), 1),
                new Spec("Customer onboarding checklist in Asana", "Creates an onboarding project from a template for every new customer account.",
                        "operations", TemplateFormat.N8N_WORKFLOW, List.of("Asana"), List.of("accounts:read"),
                        n8n(step("New account", "n8n-nodes-base.webhook", params("path", "account-created", "httpMethod", "POST")),
                                step("Create project", "n8n-nodes-base.asana", params("resource", "project", "operation", "create"))), 2),
                new Spec("Churn-risk alert from a usage drop", "Flags accounts whose weekly active users fell by half and tells the account owner.",
                        "data", TemplateFormat.PRODUCT_NATIVE, List.of("Slack"), List.of("accounts:read", "usage:read"),
                        nativeRecipe("usage.weekly", "active_users_change <= -0.5", "notify_account_owner"), 2, 4900L),
                new Spec("Sync product segments to Mailchimp audiences", "Keeps Mailchimp audience tags in step with the product's segments.",
                        "marketing", TemplateFormat.MAKE_SCENARIO, List.of("Mailchimp"), List.of("accounts:read"),
                        makeScenario("watch-segments", "mailchimp:UpdateMemberTags"), 1),
                new Spec("Release notes from GitHub to the changelog", "Publishes each GitHub release's notes to the in-product changelog.",
                        "engineering", TemplateFormat.N8N_WORKFLOW, List.of("GitHub"), List.of("changelog:write"),
                        n8n(step("New release", "n8n-nodes-base.githubTrigger", params("events", "release")),
                                step("Publish entry", "n8n-nodes-base.httpRequest", params("url", "={{ $env.PRODUCT_API }}/changelog", "method", "POST"))), 1),
                new Spec("New hire accounts from BambooHR", "Creates product seats for new hires on their start date.", "people",
                        TemplateFormat.N8N_WORKFLOW, List.of("BambooHR"), List.of("users:write"),
                        n8n(step("Every morning", "n8n-nodes-base.scheduleTrigger", params("rule", "days")),
                                step("Starting today", "n8n-nodes-base.bambooHr", params("resource", "employee", "operation", "getAll")),
                                step("Invite user", "n8n-nodes-base.httpRequest", params("url", "={{ $env.PRODUCT_API }}/users", "method", "POST"))), 0),
                new Spec("Overdue invoice reminder by Gmail", "Sends a polite reminder seven days after an invoice falls due.", "finance",
                        TemplateFormat.ZAPIER_TEMPLATE, List.of("Gmail"), List.of("invoices:read"), zap("flywheel", "invoice_overdue", "gmail", "send_email"), 0),
                new Spec("Calendly meetings logged as CRM activity", "Each booked Calendly meeting is logged on the account's timeline.", "sales",
                        TemplateFormat.N8N_WORKFLOW, List.of("Calendly"), List.of("activities:write"),
                        n8n(step("Meeting booked", "n8n-nodes-base.calendlyTrigger", params("events", "invitee.created")),
                                step("Log activity", "n8n-nodes-base.httpRequest", params("url", "={{ $env.PRODUCT_API }}/activities", "method", "POST"))), 1));
    }

    /** A partner's paid template for its own marketplace app, naming the app exactly as it is listed; four shapes in turn. */
    private static Spec appSpec(String app, int i) {
        return switch (i % 4) {
            case 0 -> new Spec("Won deals create " + app + " records", "When a deal is won in the product, creates the matching record in "
                    + app + " with the account, amount and owner, so nobody copies it over by hand.", "sales", TemplateFormat.N8N_WORKFLOW,
                    List.of(app), List.of("deals:read"),
                    n8n(step("Deal won", "n8n-nodes-base.webhook", params("path", "deal-won", "httpMethod", "POST")),
                            step("Create in " + app, "n8n-nodes-base.httpRequest", params("url", "={{ $env.APP_API }}/records", "method", "POST"))),
                    3, 2900L);
            case 1 -> new Spec("Weekly " + app + " digest in Slack", "Every Monday, posts what changed in " + app
                    + " last week to the team's Slack channel.", "data", TemplateFormat.N8N_WORKFLOW, List.of(app, "Slack"), List.of("events:read"),
                    n8n(step("Every Monday", "n8n-nodes-base.scheduleTrigger", params("rule", "weeks")),
                            step("Last week in " + app, "n8n-nodes-base.httpRequest", params("url", "={{ $env.APP_API }}/changes?since=7d")),
                            step("Post digest", "n8n-nodes-base.slack", params("channel", "#team", "text", "{{ $json.summary }}"))),
                    3, 1900L);
            case 2 -> new Spec("New accounts set up in " + app, "Sets up every new customer account in " + app
                    + " with its plan and admins on the day it signs up.", "operations", TemplateFormat.PRODUCT_NATIVE, List.of(app),
                    List.of("accounts:read"), nativeRecipe("account.created", "plan != 'free'", "provision_in_app"), 3, 3900L);
            default -> new Spec("At-risk accounts flagged from " + app + " activity", "Flags accounts whose activity in " + app
                    + " fell by half in a month, so the account owner can step in.", "data", TemplateFormat.MAKE_SCENARIO, List.of(app),
                    List.of("accounts:read"), makeScenario("app-activity-drop", "flywheel:FlagAccount"), 3, 2400L);
        };
    }

    private static Step step(String name, String type, ObjectNode parameters) {
        return new Step(name, type, parameters);
    }

    private static ObjectNode params(String... pairs) {
        ObjectNode p = NODES.objectNode();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    /** An n8n workflow export: the steps in a row, each connected to the next. */
    private static ObjectNode n8n(Step... steps) {
        ObjectNode root = NODES.objectNode();
        ArrayNode nodes = root.putArray("nodes");
        ObjectNode connections = root.putObject("connections");
        for (int i = 0; i < steps.length; i++) {
            Step s = steps[i];
            ObjectNode node = nodes.addObject();
            node.put("id", "n" + (i + 1));
            node.put("name", s.name());
            node.put("type", s.type());
            node.put("typeVersion", 1);
            node.putArray("position").add(i * 260).add(300);
            node.set("parameters", s.parameters());
            if (i + 1 < steps.length) {
                connections.putObject(s.name()).putArray("main").addArray().addObject().put("node", steps[i + 1].name()).put("type", "main").put("index", 0);
            }
        }
        root.putObject("settings").put("executionOrder", "v1");
        return root;
    }

    private static ObjectNode zap(String triggerApp, String triggerEvent, String actionApp, String actionEvent) {
        ObjectNode root = NODES.objectNode();
        ArrayNode steps = root.putArray("steps");
        steps.addObject().put("app", triggerApp).put("event", triggerEvent).put("type", "trigger");
        steps.addObject().put("app", actionApp).put("event", actionEvent).put("type", "action");
        return root;
    }

    private static ObjectNode makeScenario(String trigger, String module) {
        ObjectNode root = NODES.objectNode();
        ArrayNode flow = root.putArray("flow");
        flow.addObject().put("id", 1).put("module", "gateway:CustomWebHook").put("label", trigger);
        flow.addObject().put("id", 2).put("module", module);
        root.putObject("metadata").put("version", 1);
        return root;
    }

    private static ObjectNode nativeRecipe(String on, String when, String then) {
        ObjectNode root = NODES.objectNode();
        root.put("on", on).put("when", when).put("then", then);
        return root;
    }
}
