package dev.flywheel.marketplace;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Webhook endpoint health would come from the webhooks module's delivery figures, which it does
 * not offer to other modules yet. Until it does, the check says so instead of inventing an
 * answer; the reviewer sees "not applicable" with the reason.
 */
@Component
class WebhookHealthCheck implements ReviewCheck {

    @Override
    public String name() {
        return "webhook-endpoint-health";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Result check(Subject subject) {
        return new Result(name(), Outcome.NOT_APPLICABLE,
                List.of("no webhook delivery figures are available to the marketplace yet, so endpoint health is not measured"));
    }
}
