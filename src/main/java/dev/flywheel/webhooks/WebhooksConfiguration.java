package dev.flywheel.webhooks;

import dev.flywheel.platform.console.NavItem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the delivery engine: queue, signing keys, sender with its SSRF guard, metrics and the dispatcher of this node. */
@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

    @Bean
    DeliveryQueue deliveryQueue(DataSource dataSource) {
        return new DeliveryQueue(dataSource);
    }

    @Bean
    SigningKeys webhookSigningKeys(EndpointRepository endpoints, SecretBox box) {
        return new SigningKeys(endpoints, box);
    }

    @Bean
    AddressGuard addressGuard(WebhooksProperties properties) {
        return new AddressGuard(properties.allowPrivateNetworks());
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(AddressGuard guard, WebhooksProperties properties, Clock clock) {
        return new WebhookSender(guard, properties.timeout(), (int) properties.responseExcerpt().toBytes(),
                properties.maxResponseSize().toBytes(), properties.threads(), clock);
    }

    @Bean
    WebhookMetrics webhookMetrics(MeterRegistry registry, DeliveryQueue queue, Clock clock) {
        Gauge.builder("flywheel.webhooks.queue.depth", queue, q -> q.depth())
                .description("Messages waiting for an enabled endpoint or being sent").register(registry);
        Gauge.builder("flywheel.webhooks.queue.oldest_age", queue,
                q -> q.oldestWaiting().map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("Age in seconds of the oldest message still waiting").baseUnit("seconds").register(registry);
        return new WebhookMetrics(registry);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "flywheel.webhooks.dispatcher", matchIfMissing = true)
    Dispatcher dispatcher(DeliveryQueue queue, EndpointRepository endpoints, SigningKeys keys, WebhookSender sender, EndpointDisabler disabler,
            WebhookMetrics metrics, WebhooksProperties properties, Clock clock) {
        return new Dispatcher(queue, endpoints, keys, sender, disabler, metrics, properties, clock, "webhooks-" + host());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "flywheel.webhooks.dispatcher", matchIfMissing = true)
    SmartLifecycle dispatcherLifecycle(Dispatcher dispatcher) {
        return new SmartLifecycle() {
            @Override
            public void start() {
                dispatcher.start();
            }

            @Override
            public void stop() {
                dispatcher.stop();
            }

            @Override
            public boolean isRunning() {
                return dispatcher.isRunning();
            }
        };
    }

    @Bean
    NavItem webhooksNav() {
        return new NavItem("Developers", "Webhooks", "/console/webhooks", 810, Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST", "ROLE_PARTNER_ADMIN", "ROLE_PARTNER_MEMBER"));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "node";
        }
    }
}
