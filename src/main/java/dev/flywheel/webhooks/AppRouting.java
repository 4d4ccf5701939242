package dev.flywheel.webhooks;

import dev.flywheel.events.EventType;
import dev.flywheel.events.Events;
import dev.flywheel.events.StoredEvent;
import dev.flywheel.platform.Mode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For one batch of stored events in one mode: which partner-app endpoint gets which event. Loaded
 * only when an app endpoint is among the candidates, with one query for the batch's accounts, so
 * owner-only installations pay nothing for it.
 */
final class AppRouting {

    private final Map<String, AppSubscriptionRepository.Route> routes;
    private final Events catalog;
    private final Map<String, Boolean> flywheelTypes = new HashMap<>();

    private AppRouting(Map<String, AppSubscriptionRepository.Route> routes, Events catalog) {
        this.routes = routes;
        this.catalog = catalog;
    }

    static AppRouting load(Mode mode, List<StoredEvent> batch, AppSubscriptionRepository subscriptions, Events catalog) {
        Set<String> accounts = new LinkedHashSet<>();
        for (StoredEvent e : batch) {
            if (e.mode() == mode && e.account() != null) {
                accounts.add(e.account());
            }
        }
        return new AppRouting(accounts.isEmpty() ? Map.of() : subscriptions.activeRoutes(mode, accounts), catalog);
    }

    /**
     * The subscription the event goes out under for this app endpoint, or null when it must not go:
     * no account, no active install on that account, a Flywheel type, or a type the consented scopes do not allow.
     */
    String subscription(Endpoint endpoint, StoredEvent event) {
        if (event.account() == null) {
            return null;
        }
        AppSubscriptionRepository.Route route = routes.get(AppSubscriptionRepository.key(endpoint.id(), event.account()));
        if (route == null || flywheelType(event.type()) || !EventScopes.allows(event.type(), route.scopes())) {
            return null;
        }
        return route.subscriptionId();
    }

    private boolean flywheelType(String type) {
        return flywheelTypes.computeIfAbsent(type, t -> catalog.type(t).map(EventType::origin).map(EventScopes::isFlywheelOrigin).orElse(false));
    }
}
