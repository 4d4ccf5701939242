package dev.flywheel.playbook;

import dev.flywheel.platform.text.EditDistance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the tool names people type into survey answers ("gsheets", "Hub spot", "Salesforec") into
 * one canonical name each: case and punctuation are ignored, known aliases are mapped, and a name
 * within a small edit distance of a known tool (one edit for short names, two for longer ones) is
 * taken as a misspelling of it. Unknown tools keep their own tidied name. Pure.
 */
final class ToolNames {

    /** Whether an integration with the tool looks feasible from what is publicly known about its API. */
    enum Feasibility {
        PUBLIC_API("public API"), LIMITED_API("limited API"), UNKNOWN("unknown: check the API");

        private final String label;

        Feasibility(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private record Known(String name, Feasibility feasibility, List<String> aliases) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known("Salesforce", Feasibility.PUBLIC_API, List.of("sfdc", "sales force", "salesforce crm")),
            new Known("HubSpot", Feasibility.PUBLIC_API, List.of("hub spot", "hubspot crm")),
            new Known("Slack", Feasibility.PUBLIC_API, List.of()),
            new Known("Microsoft Teams", Feasibility.PUBLIC_API, List.of("teams", "ms teams", "msteams")),
            new Known("Google Sheets", Feasibility.PUBLIC_API, List.of("gsheets", "google spreadsheets", "sheets")),
            new Known("Gmail", Feasibility.PUBLIC_API, List.of("google mail")),
            new Known("Microsoft Excel", Feasibility.LIMITED_API, List.of("excel", "ms excel")),
            new Known("Jira", Feasibility.PUBLIC_API, List.of("jira software", "atlassian jira")),
            new Known("Zendesk", Feasibility.PUBLIC_API, List.of()),
            new Known("Intercom", Feasibility.PUBLIC_API, List.of()),
            new Known("Stripe", Feasibility.PUBLIC_API, List.of()),
            new Known("QuickBooks", Feasibility.PUBLIC_API, List.of("qbo", "quickbooks online", "quick books")),
            new Known("Xero", Feasibility.PUBLIC_API, List.of()),
            new Known("Shopify", Feasibility.PUBLIC_API, List.of()),
            new Known("Zapier", Feasibility.PUBLIC_API, List.of()),
            new Known("Notion", Feasibility.PUBLIC_API, List.of()),
            new Known("Asana", Feasibility.PUBLIC_API, List.of()),
            new Known("Trello", Feasibility.PUBLIC_API, List.of()),
            new Known("Mailchimp", Feasibility.PUBLIC_API, List.of("mail chimp")),
            new Known("Pipedrive", Feasibility.PUBLIC_API, List.of()),
            new Known("Zoom", Feasibility.PUBLIC_API, List.of()),
            new Known("Outlook", Feasibility.PUBLIC_API, List.of("ms outlook", "microsoft outlook", "office 365 mail")),
            new Known("Google Calendar", Feasibility.PUBLIC_API, List.of("gcal")),
            new Known("DocuSign", Feasibility.PUBLIC_API, List.of("docu sign")),
            new Known("Tableau", Feasibility.LIMITED_API, List.of()),
            new Known("SAP", Feasibility.LIMITED_API, List.of("sap erp", "s4hana")),
            new Known("NetSuite", Feasibility.LIMITED_API, List.of("oracle netsuite", "net suite")),
            new Known("Workday", Feasibility.LIMITED_API, List.of()));

    private static final Map<String, Known> BY_KEY = new LinkedHashMap<>();

    static {
        for (Known k : KNOWN) {
            BY_KEY.put(key(k.name()), k);
            k.aliases().forEach(a -> BY_KEY.put(key(a), k));
        }
    }

    private ToolNames() {
    }

    /** The canonical name for what someone typed, or empty for a blank answer. */
    static Optional<String> canonical(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String k = key(typed);
        if (k.isEmpty()) {
            return Optional.empty();
        }
        Known exact = BY_KEY.get(k);
        if (exact != null) {
            return Optional.of(exact.name());
        }
        Known best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, Known> e : BY_KEY.entrySet()) {
            int allowed = Math.min(k.length(), e.getKey().length()) <= 5 ? 1 : 2;
            int d = EditDistance.between(k, e.getKey());
            if (d <= allowed && d < bestDistance) {
                best = e.getValue();
                bestDistance = d;
            }
        }
        if (best != null) {
            return Optional.of(best.name());
        }
        String tidy = typed.trim().replaceAll("\\s+", " ");
        return Optional.of(Character.toUpperCase(tidy.charAt(0)) + tidy.substring(1));
    }

    static Feasibility feasibility(String canonical) {
        Known k = BY_KEY.get(key(canonical));
        return k == null ? Feasibility.UNKNOWN : k.feasibility();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
