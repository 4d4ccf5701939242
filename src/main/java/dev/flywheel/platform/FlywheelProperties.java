package dev.flywheel.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Installation-wide settings.
 *
 * @param baseUrl the public URL people reach this server at, used in emailed links (env
 *        {@code FLYWHEEL_BASE_URL}); when empty, the URL of the request that caused the email
 * @param demo generate the demo ecosystem on first start ({@code --flywheel.demo=true})
 */
@ConfigurationProperties("flywheel")
public record FlywheelProperties(String baseUrl, boolean demo) {
}
