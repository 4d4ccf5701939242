package dev.flywheel.playbook;

/**
 * The known ways an ecosystem stalls, each watched by one or more {@link HealthRule}s. A stall
 * no rule watches yet is shown as "not available yet — needs" the module that holds its data.
 */
enum Stall {
    SINGLE_PILLAR("Growth resting on a single pillar", "playbook"),
    SINGLE_APP("Growth resting on a single app", "marketplace"),
    DEAL_REGISTRATION_SLA("Partners waiting beyond the deal registration SLA", "partners"),
    PARTNER_APP_ERRORS("Rising webhook failures or API errors for a partner's app", "webhooks"),
    UNANSWERED_REVIEWS("Reviews left unanswered", "marketplace"),
    NO_ADOPTION("Integrations launched with no adoption measured", "marketplace"),
    MODERATION_BACKLOG("Low-quality templates piling up in moderation", "community"),
    IDLE_TEMPLATES("Templates nobody keeps using", "community");

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
