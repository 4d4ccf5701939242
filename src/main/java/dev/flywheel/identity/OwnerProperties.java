package dev.flywheel.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The owner organization and its first admin, created on first start.
 *
 * @param name the owner organization's name (default "Flywheel")
 * @param adminEmail the first admin's email (env {@code FLYWHEEL_ADMIN_EMAIL})
 * @param adminPassword the first admin's password (env {@code FLYWHEEL_ADMIN_PASSWORD}); when
 *        empty a strong one is generated and printed once in the log
 * @param bootstrapApiKey an owner live API key to create with exactly this value (env
 *        {@code FLYWHEEL_BOOTSTRAP_API_KEY}), for automation; stored hashed like any other
 */
@ConfigurationProperties("flywheel.owner")
public record OwnerProperties(
        @DefaultValue("Flywheel") String name,
        @DefaultValue("admin@flywheel.local") String adminEmail,
        String adminPassword,
        String bootstrapApiKey) {
}
