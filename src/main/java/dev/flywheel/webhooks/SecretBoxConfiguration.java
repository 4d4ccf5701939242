package dev.flywheel.webhooks;

import dev.flywheel.platform.Settings;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The key that encrypts signing secrets: {@code flywheel.webhooks.encryption-key} when configured;
 * otherwise one generated on first start and kept in the platform settings, so every node of the
 * installation uses the same one.
 */
@Configuration(proxyBeanMethods = false)
class SecretBoxConfiguration {

    static final String SETTING = "webhooks.encryption-key";
    private static final Logger log = LoggerFactory.getLogger(SecretBoxConfiguration.class);

    @Bean
    SecretBox secretBox(WebhooksProperties properties, Settings settings) {
        if (!properties.encryptionKey().isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(properties.encryptionKey().trim()));
        }
        String stored = settings.get(SETTING).orElse(null);
        if (stored == null) {
            try {
                settings.put(SETTING, Base64.getEncoder().encodeToString(SecretBox.newKey()));
                log.warn("Generated the webhook secret encryption key and stored it in the settings table. In production set "
                        + "FLYWHEEL_WEBHOOKS_ENCRYPTION_KEY (base64 of 32 random bytes) instead, and keep it out of the database.");
            } catch (DataIntegrityViolationException raced) {
                log.info("Another node generated the webhook secret encryption key first; using it");
            }
            stored = settings.get(SETTING).orElseThrow();
        }
        return new SecretBox(Base64.getDecoder().decode(stored));
    }
}
