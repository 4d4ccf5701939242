package dev.flywheel.webhooks;

import dev.flywheel.events.Events;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.mail.Mailer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an endpoint out of delivery (410 Gone, or failing continuously for too long) and tells its
 * owner: an email to the organization's admins, an audit entry and a {@code webhook_endpoint.disabled}
 * event for whoever subscribes to operational events. A REST Hooks subscription that answers 410 is
 * removed instead, as the REST Hooks convention asks.
 */
@Component
class EndpointDisabler {

    private static final Logger log = LoggerFactory.getLogger(EndpointDisabler.class);

    private final EndpointRepository endpoints;
    private final Organizations organizations;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Events events;
    private final PublicUrls urls;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EndpointDisabler(EndpointRepository endpoints, Organizations organizations, Mailer mailer, AuditLog audit, Events events, PublicUrls urls,
            TransactionTemplate transactions, Clock clock) {
        this.endpoints = endpoints;
        this.organizations = organizations;
        this.mailer = mailer;
        this.audit = audit;
        this.events = events;
        this.urls = urls;
        this.transactions = transactions;
        this.clock = clock;
    }

    void disable(String endpointId, String reason) {
        transactions.executeWithoutResult(status -> {
            Endpoint endpoint = endpoints.find(endpointId).orElse(null);
            if (endpoint == null) {
                return;
            }
            Instant now = clock.instant();
            if ("rest_hook".equals(endpoint.origin()) && reason.contains("410")) {
                endpoints.delete(endpointId);
                audit.recordAs("system", endpoint.organizationId(), "webhook_endpoint.unsubscribed", endpointId,
                        "REST hook target answered 410 Gone: " + endpoint.url());
                return;
            }
            if (!endpoints.setStatus(endpointId, EndpointStatus.DISABLED, reason, now)) {
                return;
            }
            log.warn("Webhook endpoint {} disabled: {}", endpointId, reason);
            audit.recordAs("system", endpoint.organizationId(), "webhook_endpoint.disabled", endpointId, reason);
            String link = urls.of("/console/webhooks/" + endpointId);
            for (String admin : organizations.adminEmails(endpoint.organizationId())) {
                mailer.send(admin, "Webhook endpoint disabled: " + endpoint.url(), """
                        Flywheel stopped delivering webhooks to %s (%s).

                        Reason: %s

                        Messages for it are kept. Fix the receiver, then enable the endpoint again and recover the failed
                        messages from its page: %s
                        """.formatted(endpoint.url(), endpointId, reason, link));
            }
            events.emit("webhook_endpoint.disabled", null, Map.of("endpoint_id", endpointId, "url", endpoint.url(), "reason", reason),
                    endpoint.mode());
        });
    }
}
