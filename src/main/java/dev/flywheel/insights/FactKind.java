package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One kind of fact: its name in URLs, its fields (the JSON members and CSV columns), how a row is
 * read and checked, and the table columns it is stored in.
 */
abstract class FactKind<T> {

    /** What validation may need to know beyond the row itself. */
    interface Checks {
        boolean accountExists(Mode mode, String externalId);

        boolean partnerExists(String partnerId);

        String currency();
    }

    final String name;
    final String table;
    final List<String> fields;

    FactKind(String name, String table, List<String> fields) {
        this.name = name;
        this.table = table;
        this.fields = fields;
    }

    abstract T read(FactRow row, Mode mode, Checks checks);

    abstract String factId(T fact);

    /** Table column -> JDBC value, without id, mode, fact_id, content_hash and recorded_at. */
    abstract Map<String, Object> columns(T fact);

    static Object date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    static Object at(Instant i) {
        return Sql.at(i);
    }

    static String account(FactRow row, Mode mode, Checks checks) {
        String account = row.id("account_id", true);
        if (account != null && !checks.accountExists(mode, account)) {
            row.error("account_id", "is not a customer account in this mode; create it first with PUT /api/v1/accounts/{external_id}");
        }
        return account;
    }

    static String partner(FactRow row, String field, boolean required, Checks checks) {
        String partner = row.text(field, required, 40);
        if (partner != null && !checks.partnerExists(partner)) {
            row.error(field, "is not a partner id (prt_...)");
        }
        return partner;
    }

    static String currency(FactRow row, Checks checks) {
        String c = row.text("currency", false, 3);
        String expected = checks.currency();
        if (c == null) {
            return expected;
        }
        c = c.toUpperCase(Locale.ROOT);
        if (!c.equals(expected)) {
            row.error("currency", "must be " + expected + ", the reporting currency of this installation (flywheel.insights.currency)");
        }
        return expected;
    }

    static final FactKind<Facts.MrrChange> MRR = new FactKind<>("mrr-changes", "insights_mrr_changes",
            List.of("id", "account_id", "effective_on", "mrr", "currency")) {
        @Override
        Facts.MrrChange read(FactRow row, Mode mode, Checks checks) {
            String id = row.id("id", true);
            String account = account(row, mode, checks);
            LocalDate on = row.date("effective_on", true);
            Long mrr = row.amount("mrr", true);
            String currency = currency(row, checks);
            return new Facts.MrrChange(id, account, on, mrr == null ? 0 : mrr, currency);
        }

        @Override
        String factId(Facts.MrrChange f) {
            return f.factId();
        }

        @Override
        Map<String, Object> columns(Facts.MrrChange f) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("account_external_id", f.account());
            c.put("effective_on", date(f.effectiveOn()));
            c.put("mrr", f.mrr());
            c.put("currency", f.currency());
            return c;
        }
    };

    static final FactKind<Facts.Touchpoint> TOUCHPOINTS = new FactKind<>("touchpoints", "insights_touchpoints",
            List.of("id", "account_id", "opportunity_id", "partner_id", "kind", "occurred_at", "person_email", "detail")) {
        @Override
        Facts.Touchpoint read(FactRow row, Mode mode, Checks checks) {
            String id = row.id("id", true);
            String account = account(row, mode, checks);
            String opportunity = row.id("opportunity_id", false);
            String partner = partner(row, "partner_id", false, checks);
            String kind = row.text("kind", true, 40);
            if (kind != null) {
                kind = kind.toLowerCase(Locale.ROOT);
                if (!kind.matches("[a-z][a-z0-9_]*")) {
                    row.error("kind", "must be a lower-case word such as listing_view, install, referral_click, deal_registration, "
                            + "partner_managed, webinar, or your own (letters, digits, _)");
                }
            }
            Instant at = row.instant("occurred_at", true);
            String email = row.text("person_email", false, 320);
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                row.error("person_email", "must be an email address");
            }
            String detail = row.text("detail", false, 500);
            return new Facts.Touchpoint(id, account, opportunity, partner, kind, at, email == null ? null : email.toLowerCase(Locale.ROOT), detail);
        }

        @Override
        String factId(Facts.Touchpoint f) {
            return f.factId();
        }

        @Override
        Map<String, Object> columns(Facts.Touchpoint f) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("account_external_id", f.account());
            c.put("opportunity_external_id", f.opportunity());
            c.put("partner_id", f.partnerId());
            c.put("kind", f.kind());
            c.put("occurred_at", at(f.occurredAt()));
            c.put("person_email", f.personEmail());
            c.put("detail", f.detail());
            return c;
        }
    };

    static final FactKind<Facts.OpportunityFact> OPPORTUNITIES = new FactKind<>("opportunities", "insights_opportunities",
            List.of("id", "account_id", "name", "status", "amount", "currency", "created_at", "closed_at", "created_by_partner_id")) {
        @Override
        Facts.OpportunityFact read(FactRow row, Mode mode, Checks checks) {
            String id = row.id("id", true);
            String account = account(row, mode, checks);
            String name = row.text("name", false, 200);
            String status = row.oneOf("status", true, "open", "won", "lost");
            Long amount = row.amount("amount", true);
            String currency = currency(row, checks);
            Instant created = row.instant("created_at", true);
            Instant closed = row.instant("closed_at", false);
            if (status != null && !"open".equals(status) && closed == null) {
                row.error("closed_at", "is required for a won or lost opportunity");
            }
            if (created != null && closed != null && closed.isBefore(created)) {
                row.error("closed_at", "must not be before created_at");
            }
            String partner = partner(row, "created_by_partner_id", false, checks);
            return new Facts.OpportunityFact(id, account, name, status, amount == null ? 0 : amount, currency, created, closed, partner);
        }

        @Override
        String factId(Facts.OpportunityFact f) {
            return f.factId();
        }

        @Override
        Map<String, Object> columns(Facts.OpportunityFact f) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("account_external_id", f.account());
            c.put("name", f.name());
            c.put("status", f.status());
            c.put("amount", f.amount());
            c.put("currency", f.currency());
            c.put("created_on", at(f.createdAt()));
            c.put("closed_at", at(f.closedAt()));
            c.put("created_by_partner_id", f.createdByPartnerId());
            return c;
        }
    };

    static final FactKind<Facts.InstallFact> INSTALLS = new FactKind<>("installs", "insights_installs",
            List.of("id", "account_id", "integration", "partner_id", "installed_at", "uninstalled_at")) {
        @Override
        Facts.InstallFact read(FactRow row, Mode mode, Checks checks) {
            String id = row.id("id", true);
            String account = account(row, mode, checks);
            String integration = row.text("integration", true, 200);
            String partner = partner(row, "partner_id", false, checks);
            Instant installed = row.instant("installed_at", true);
            Instant uninstalled = row.instant("uninstalled_at", false);
            if (installed != null && uninstalled != null && uninstalled.isBefore(installed)) {
                row.error("uninstalled_at", "must not be before installed_at");
            }
            return new Facts.InstallFact(id, account, integration, partner, installed, uninstalled);
        }

        @Override
        String factId(Facts.InstallFact f) {
            return f.factId();
        }

        @Override
        Map<String, Object> columns(Facts.InstallFact f) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("account_external_id", f.account());
            c.put("integration", f.integration());
            c.put("partner_id", f.partnerId());
            c.put("installed_at", at(f.installedAt()));
            c.put("uninstalled_at", at(f.uninstalledAt()));
            return c;
        }
    };

    static final FactKind<Facts.PartnerActivity> PARTNER_ACTIVITY = new FactKind<>("partner-activity", "insights_partner_activity",
            List.of("partner_id", "month", "api_calls", "events_received")) {
        @Override
        Facts.PartnerActivity read(FactRow row, Mode mode, Checks checks) {
            String partner = partner(row, "partner_id", true, checks);
            YearMonth month = row.month("month", true);
            Long calls = row.amount("api_calls", true);
            Long events = row.amount("events_received", true);
            return new Facts.PartnerActivity(partner, month, calls == null ? 0 : calls, events == null ? 0 : events);
        }

        @Override
        String factId(Facts.PartnerActivity f) {
            return f.factId();
        }

        @Override
        Map<String, Object> columns(Facts.PartnerActivity f) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("partner_id", f.partnerId());
            c.put("activity_month", date(f.month().atDay(1)));
            c.put("api_calls", f.apiCalls());
            c.put("events_received", f.eventsReceived());
            return c;
        }
    };

    static final FactKind<Facts.Gmv> GMV = new FactKind<>("gmv", "insights_gmv", List.of("month", "amount", "currency")) {
        @Override
        Facts.Gmv read(FactRow row, Mode mode, Checks checks) {
            YearMonth month = row.month("month", true);
            Long amount = row.amount("amount", true);
            String currency = currency(row, checks);
            return new Facts.Gmv(month, amount == null ? 0 : amount, currency);
        }

        @Override
        String factId(Facts.Gmv f) {
            return f.factId();
        }

        @Override
        Map<String, Object> columns(Facts.Gmv f) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("gmv_month", date(f.month().atDay(1)));
            c.put("amount", f.amount());
            c.put("currency", f.currency());
            return c;
        }
    };

    static final List<FactKind<?>> ALL = List.of(MRR, TOUCHPOINTS, OPPORTUNITIES, INSTALLS, PARTNER_ACTIVITY, GMV);

    static FactKind<?> named(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst().orElse(null);
    }
}
