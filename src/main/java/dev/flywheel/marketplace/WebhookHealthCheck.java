package dev.flywheel.marketplace;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Webhook endpoint health is measured by the webhooks module, which this installation does not
 * have yet. Until it does, the check says so instead of inventing an answer; the reviewer sees
 * "not applicable" with the reason.
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
                List.of("webhook delivery is not measured in this installation yet, so endpoint health cannot be checked"));
    }
}
