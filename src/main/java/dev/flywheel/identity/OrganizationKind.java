package dev.flywheel.identity;

/** The three kinds of organization Flywheel knows. */
public enum OrganizationKind {
    /** The SaaS company that runs Flywheel. There is exactly one. */
    OWNER("org"),
    /** A technology, solution or referral partner of the owner. */
    PARTNER("prt"),
    /** A customer account of the owner's product. */
    CUSTOMER("acc");

    private final String idPrefix;

    OrganizationKind(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    public String idPrefix() {
        return idPrefix;
    }

    public String authority() {
        return "ORG_" + name();
    }
}
