package dev.flywheel.playbook;

/**
 * The success criteria of the 90-day launch, each measured from live data by a {@link LaunchSignal}
 * of the module that holds the data. {@code needs} names that module, so a criterion without a
 * signal says honestly what is missing.
 */
enum LaunchCriterion {
    ACTIVE_INTEGRATION_PARTNERS("10+ active integration partners with published listings", 10, "marketplace"),
    EXTERNAL_MARKETPLACES("Listings live on at least two external marketplaces", 2, "playbook"),
    PARTNER_SOURCED_LEADS("First partner-sourced leads tracked", 1, "partners"),
    DEAL_REGISTRATION_IN_USE("Partner portal with deal registration in use", 1, "partners"),
    JOINT_CO_MARKETING("At least one joint co-marketing asset", 1, "playbook");

    private final String label;
    private final long target;
    private final String needs;

    LaunchCriterion(String label, long target, String needs) {
        this.label = label;
        this.target = target;
        this.needs = needs;
    }

    public String label() {
        return label;
    }

    public long target() {
        return target;
    }

    public String needs() {
        return needs;
    }
}
