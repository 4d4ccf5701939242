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

    /** A key together with its organization, as the API filter needs them on every request. */
    record Verified(ApiKey key, Organization organization) {
    }

    static final Pattern SHAPE = Pattern.compile("fw_(live|test)_[0-9A-Za-z]{22,64}");
    static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_-]{1,40}:(read|write)");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /**
     * How long a verified key is trusted from memory before the database is asked again. A
     * revocation on this node takes effect at once; on other nodes within this time.
     */
    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final int CACHE_MAX = 10_000;

    private record Cached(Verified verified, Instant loadedAt) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

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
        return issue(organizationId, mode, name, createdBy, null, null);
    }

    /**
     * Issues a key limited to {@code scopes} (null: everything the organization may do) that stops
     * working at {@code expiresAt} (null: never).
     */
    @Transactional
    public Issued issue(String organizationId, Mode mode, String name, String createdBy, java.util.Collection<String> scopes,
            Instant expiresAt) {
        List<String> checked = checkScopes(scopes);
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        return store(organizationId, mode, name, createdBy, "fw_" + mode.wire() + "_" + Secrets.randomBase62(32), checked, expiresAt);
    }

    /**
     * Rotates a key: a new key with the same name, mode, scopes and expiry is issued, and the old
     * one keeps working until {@code previousValidUntil} (now, if null), so a deployment can switch over.
     */
    @Transactional
    public Issued rotate(String keyId, Instant previousValidUntil, String createdBy) {
        ApiKey old = keys.find(keyId).orElseThrow(() -> ApiException.notFound("API key", keyId));
        Instant now = clock.instant();
        if (!old.isActiveAt(now)) {
            throw ApiException.unprocessable("This key is revoked or expired; issue a new key instead of rotating it.");
        }
        Instant until = previousValidUntil == null ? now : previousValidUntil;
        if (until.isBefore(now)) {
            throw ApiException.invalid("previous_valid_until", "must not be in the past");
        }
        if (until.isAfter(now.plus(Duration.ofDays(30)))) {
            throw ApiException.invalid("previous_valid_until", "may be at most 30 days ahead; an overlap is for switching deployments");
        }
        Issued next = store(old.organizationId(), old.mode(), old.name(), createdBy, "fw_" + old.mode().wire() + "_" + Secrets.randomBase62(32),
                old.scopes(), old.expiresAt());
        keys.expireBy(old.id(), until);
        forget(old.id());
        audit.record(old.organizationId(), "api_key.rotated", old.id(), old.name() + " (" + old.displayPrefix() + "…) replaced by "
                + next.key().id() + "; works until " + until);
        return next;
    }

    private static List<String> checkScopes(java.util.Collection<String> scopes) {
        if (scopes == null) {
            return null;
        }
        List<String> out = new java.util.ArrayList<>();
        for (String scope : scopes) {
            String s = scope == null ? "" : scope.trim();
            if (!SCOPE.matcher(s).matches()) {
                throw ApiException.invalid("scopes", "'" + s + "' is not a scope; scopes look like resource:read or resource:write (GET /api/v1/scopes)");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw ApiException.invalid("scopes", "must name at least one scope, or be left out for an unrestricted key");
        }
        return out;
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
        return Optional.of(store(organizationId, Mode.LIVE, name, "bootstrap", secret, null, null));
    }

    private Issued store(String organizationId, Mode mode, String name, String createdBy, String secret, List<String> scopes,
            Instant expiresAt) {
        Organization org = organizations.find(organizationId).orElseThrow(() -> ApiException.notFound("organization", organizationId));
        if (org.kind() == OrganizationKind.CUSTOMER) {
            throw ApiException.unprocessable("API keys are for the owner and partners; customer accounts authorize apps through OAuth instead.");
        }
        String label = name == null || name.isBlank() ? "API key" : name.trim();
        ApiKey key = new ApiKey(Ids.next("key"), organizationId, mode, label, secret.substring(0, 12), createdBy,
                clock.instant(), expiresAt, null, null, scopes);
        keys.insert(key, Secrets.sha256Hex(secret));
        audit.record(organizationId, "api_key.created", key.id(), label + " (" + key.displayPrefix() + "…, " + mode.wire()
                + (scopes == null ? "" : ", scopes " + String.join(" ", scopes)) + (expiresAt == null ? "" : ", expires " + expiresAt) + ")");
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

    /**
     * The key behind a presented secret with its organization, from a short-lived in-memory cache
     * ({@link #CACHE_TTL}) so most API requests cost no database round trip for authentication.
     * Unknown secrets are never cached. The caller checks whether the key is still active.
     */
    Optional<Verified> verify(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(presented);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(now)) {
            return Optional.of(cached.verified());
        }
        Optional<ApiKey> key = keys.findByHash(hash);
        if (key.isEmpty()) {
            cache.remove(hash);
            return Optional.empty();
        }
        ApiKey k = key.get();
        if (k.isActiveAt(now) && (k.lastUsedAt() == null || k.lastUsedAt().plus(TOUCH_EVERY).isBefore(now))) {
            keys.touch(k.id(), now);
            k = new ApiKey(k.id(), k.organizationId(), k.mode(), k.name(), k.displayPrefix(), k.createdBy(), k.createdAt(), k.expiresAt(),
                    k.revokedAt(), now, k.scopes());
        }
        Organization org = organizations.find(k.organizationId()).orElseThrow();
        Verified verified = new Verified(k, org);
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(hash, new Cached(verified, now));
        return Optional.of(verified);
    }

    private void forget(String keyId) {
        cache.values().removeIf(c -> c.verified().key().id().equals(keyId));
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
        forget(keyId);
        if (keys.revoke(keyId, clock.instant())) {
            audit.record(key.organizationId(), "api_key.revoked", keyId, key.name() + " (" + key.displayPrefix() + "…)");
        }
        return keys.find(keyId).orElseThrow();
    }

    long countActive() {
        return keys.countActive(clock.instant());
    }
}
