package dev.flywheel.playbook;

/**
 * The known ways an ecosystem stalls, each watched by one or more {@link HealthRule}s. A stall
 * no rule watches yet is shown as "not available yet — needs" what is missing (usually the module that holds its data).
 */
enum Stall {
    SINGLE_PILLAR("Growth resting on a single pillar", "the playbook module"),
    SINGLE_APP("Growth resting on a single app", "the marketplace module"),
    DEAL_REGISTRATION_SLA("Partners waiting beyond the deal registration SLA", "the partners module"),
    PARTNER_APP_ERRORS("Rising webhook failures or API errors for a partner's app", "the webhooks and developer modules"),
    UNANSWERED_REVIEWS("Reviews left unanswered", "the marketplace module"),
    NO_ADOPTION("Integrations launched with no adoption measured", "the marketplace module"),
    MODERATION_BACKLOG("Low-quality templates piling up in moderation", "the community module"),
    IDLE_TEMPLATES("Templates nobody keeps using", "the community module");

    private final String label;
    private final String needs;

    Stall(String label, String needs) {
        this.label = label;
        this.needs = needs;
    }

    public String label() {
        return label;
    }

    public String needs() {
        return needs;
    }
}
