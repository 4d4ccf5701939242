package dev.flywheel.developer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the developer platform and its authorization server.
 *
 * @param accessTokenLifetime how long an access token (a JWT) is valid (default 5m). Short,
 *        because a resource server that only checks the signature learns of a revoked grant no
 *        later than this
 * @param refreshTokenLifetime how long a refresh token is valid (default 30d); each use rotates it
 * @param authorizationCodeLifetime how long an authorization code may wait to be exchanged (default 2m)
 * @param secretOverlap after a client secret rotation, how long the previous secret keeps
 *        working so deployments can switch over (default 24h)
 * @param signingKeyRotation a new token signing key is made when the newest is this old (default 30d)
 * @param signingKeyRetention a replaced signing key stays published in the JWKS this long, so
 *        tokens it signed still verify (default 2d; must exceed the access token lifetime)
 * @param keySecret the installation secret that seals signing keys at rest (env
 *        {@code FLYWHEEL_KEY_SECRET}); when empty, one is generated and kept in the database,
 *        which protects backups of the key table alone but not of the whole database
 * @param tokenFailuresPerMinute failed requests (bad secret, bad grant) one client may make per minute at
 *        the token, introspection and revocation endpoints before being throttled (default 10)
 * @param tokenFailuresPerMinutePerAddress the same, per remote address across all clients (default
 *        100: one address may front many clients behind a NAT or proxy)
 */
@ConfigurationProperties("flywheel.developer")
public record DeveloperProperties(
        @DefaultValue("5m") Duration accessTokenLifetime,
        @DefaultValue("30d") Duration refreshTokenLifetime,
        @DefaultValue("2m") Duration authorizationCodeLifetime,
        @DefaultValue("24h") Duration secretOverlap,
        @DefaultValue("30d") Duration signingKeyRotation,
        @DefaultValue("2d") Duration signingKeyRetention,
        @DefaultValue("") String keySecret,
        @DefaultValue("10") int tokenFailuresPerMinute,
        @DefaultValue("100") int tokenFailuresPerMinutePerAddress) {
}
