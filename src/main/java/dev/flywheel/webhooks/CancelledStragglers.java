package dev.flywheel.webhooks;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels partner-app messages that were queued by an event stored at the same moment as an
 * uninstall or a suspension, after it had cancelled the rest. The claim query never hands them
 * out; without this they would wait forever and count in the queue depth and the age of the
 * oldest waiting message. One idempotent update, safe on every node.
 */
@Component
class CancelledStragglers {

    private final DeliveryQueue queue;
    private final WebhookMetrics metrics;

    CancelledStragglers(DeliveryQueue queue, WebhookMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    int cancel() {
        int cancelled = queue.cancelInactive();
        metrics.cancelled(WebhookMetrics.CancelReason.INSTALL_ENDED, cancelled);
        return cancelled;
    }
}
