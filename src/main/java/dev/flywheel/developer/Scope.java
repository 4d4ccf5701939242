package dev.flywheel.developer;

import java.util.List;

/**
 * One entry of the scope catalog, e.g. {@code deals:read}.
 *
 * @param resource what the scope is about, e.g. {@code deals}
 * @param access {@code read} or {@code write}
 * @param description what the scope allows, in plain language, as the consent page shows it
 * @param fields fields of the resource a consenting admin may withhold from the app (e.g. {@code phone})
 */
public record Scope(String name, String resource, String access, String description, List<String> fields) {
}
