package dev.flywheel.identity;

import java.util.Arrays;
import java.util.List;

/** What a user may do, always within one kind of organization. */
public enum Role {
    OWNER_ADMIN(OrganizationKind.OWNER, "Owner admin", "Everything: settings, users, API keys, partners, money."),
    PARTNER_MANAGER(OrganizationKind.OWNER, "Partner manager", "Runs the partner program: partners, deals, co-selling."),
    ANALYST(OrganizationKind.OWNER, "Analyst", "Reads dashboards and reports; changes nothing."),
    PARTNER_ADMIN(OrganizationKind.PARTNER, "Partner admin", "Manages the partner organization, its users and apps."),
    PARTNER_MEMBER(OrganizationKind.PARTNER, "Partner member", "Works in the partner portal."),
    CUSTOMER_ADMIN(OrganizationKind.CUSTOMER, "Customer admin", "Manages the customer account, its users and installed apps."),
    CUSTOMER_MEMBER(OrganizationKind.CUSTOMER, "Customer member", "Uses apps and templates for the account.");

    private final OrganizationKind kind;
    private final String label;
    private final String description;

    Role(OrganizationKind kind, String label, String description) {
        this.kind = kind;
        this.label = label;
        this.description = description;
    }

    public OrganizationKind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isAdmin() {
        return this == OWNER_ADMIN || this == PARTNER_ADMIN || this == CUSTOMER_ADMIN;
    }

    public static List<Role> of(OrganizationKind kind) {
        return Arrays.stream(values()).filter(r -> r.kind == kind).toList();
    }
}
