package dev.flywheel.identity;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Secrets;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, verifies and revokes API keys. A key is {@code fw_live_} or {@code fw_test_} followed by
 * 32 base62 characters (about 190 random bits); only its SHA-256 is stored, which is enough
 * because the key itself is long and random (a slow hash protects guessable passwords, not this).
 */
@Service
public class ApiKeys {

    /** A newly issued key: {@code secret} is shown once and never again. */
    public record Issued(ApiKey key, String secret) {
    }

    static final Pattern SHAPE = Pattern.compile("fw_(live|test)_[0-9A-Za-z]{22,64}");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final OrganizationRepository organizations;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeys(ApiKeyRepository keys, OrganizationRepository organizations, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Issued issue(String organizationId, Mode mode, String name, String createdBy) {
        return store(organizationId, mode, name, createdBy, "fw_" + mode.wire() + "_" + Secrets.randomBase62(32));
    }

    /** Stores a key whose value the operator chose (FLYWHEEL_BOOTSTRAP_API_KEY), unless it exists already. */
    @Transactional
    Optional<Issued> adopt(String organizationId, String secret, String name) {
        if (!SHAPE.matcher(secret).matches() || !secret.startsWith("fw_live_")) {
            throw new IllegalArgumentException("FLYWHEEL_BOOTSTRAP_API_KEY must look like fw_live_ followed by 22 to 64 letters and digits");
        }
        if (keys.findByHash(Secrets.sha256Hex(secret)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(store(organizationId, Mode.LIVE, name, "bootstrap", secret));
    }

    private Issued store(String organizationId, Mode mode, String name, String createdBy, String secret) {
        Organization org = organizations.find(organizationId).orElseThrow(() -> ApiException.notFound("organization", organizationId));
        if (org.kind() == OrganizationKind.CUSTOMER) {
            throw ApiException.unprocessable("API keys are for the owner and partners; customer accounts authorize apps through OAuth instead.");
        }
        String label = name == null || name.isBlank() ? "API key" : name.trim();
        ApiKey key = new ApiKey(Ids.next("key"), organizationId, mode, label, secret.substring(0, 12), createdBy,
                clock.instant(), null, null, null);
        keys.insert(key, Secrets.sha256Hex(secret));
        audit.record(organizationId, "api_key.created", key.id(), label + " (" + key.displayPrefix() + "…, " + mode.wire() + ")");
        return new Issued(key, secret);
    }

    /** The key behind a presented secret, if it exists; the caller checks whether it is still active. */
    public Optional<ApiKey> lookup(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        Optional<ApiKey> key = keys.findByHash(Secrets.sha256Hex(presented));
        Instant now = clock.instant();
        key.filter(k -> k.isActiveAt(now) && (k.lastUsedAt() == null || k.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)))
                .ifPresent(k -> keys.touch(k.id(), now));
        return key;
    }

    public List<ApiKey> ofOrganization(String organizationId) {
        return keys.ofOrganization(organizationId);
    }

    public Optional<ApiKey> find(String id) {
        return keys.find(id);
    }

    @Transactional
    public ApiKey revoke(String keyId) {
        ApiKey key = keys.find(keyId).orElseThrow(() -> ApiException.notFound("API key", keyId));
        if (keys.revoke(keyId, clock.instant())) {
            audit.record(key.organizationId(), "api_key.revoked", keyId, key.name() + " (" + key.displayPrefix() + "…)");
        }
        return keys.find(keyId).orElseThrow();
    }

    long countActive() {
        return keys.countActive(clock.instant());
    }
}
