package dev.flywheel.developer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.platform.Secrets;
import dev.flywheel.platform.Settings;
import dev.flywheel.platform.jdbc.Sql;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The RSA keys that sign access tokens, kept in the database so every node signs with the same
 * key and a restart changes nothing. The newest generation signs; replaced keys stay published
 * in the JWKS for {@code signingKeyRetention}, so tokens they signed keep verifying. Rotation is
 * cluster-safe without locks: each generation number can be inserted once, and a node that loses
 * the race simply reads the winner's key.
 */
@Service
class SigningKeys {

    /** One key as loaded: {@code jwk} holds the private part. */
    record SigningKey(String kid, long generation, RSAKey jwk, Instant createdAt, Instant retireAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String GENERATED_SECRET = "developer.key_secret";
    private static final Duration RELOAD_EVERY = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final DeveloperProperties properties;
    private final Settings settings;
    private final AuditLog audit;
    private final Clock clock;
    private volatile KeySealer sealer;
    private volatile Loaded loaded;

    private record Loaded(List<SigningKey> keys, Instant at) {
    }

    SigningKeys(JdbcClient jdbc, DeveloperProperties properties, Settings settings, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The key that signs new tokens, creating the first one if there is none. */
    RSAKey current() {
        List<SigningKey> keys = keys();
        if (keys.isEmpty()) {
            rotate("first key");
            keys = reload();
        }
        return keys.get(0).jwk();
    }

    /** Every key a verifier should accept now, public parts only. */
    JWKSet published() {
        Instant now = clock.instant();
        List<SigningKey> keys = keys();
        if (keys.isEmpty()) {
            current();
            keys = keys();
        }
        return new JWKSet(keys.stream().filter(k -> k.retireAt() == null || k.retireAt().isAfter(now))
                .map(k -> (JWK) k.jwk().toPublicJWK()).toList());
    }

    List<SigningKey> keys() {
        Loaded l = loaded;
        if (l == null || l.at().plus(RELOAD_EVERY).isBefore(clock.instant())) {
            return reload();
        }
        return l.keys();
    }

    /** Makes a new signing key now; the previous one stays published for the retention window. */
    SigningKey rotate(String reason) {
        long next = jdbc.sql("select coalesce(max(generation), 0) + 1 from developer_signing_keys").query(Long.class).single();
        Instant now = clock.instant();
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID("fwk_" + next + "_" + Secrets.randomBase62(8)).issueTime(java.util.Date.from(now)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
        try {
            jdbc.sql("""
                    insert into developer_signing_keys (kid, generation, public_jwk, sealed_private_jwk, created_at)
                    values (:kid, :gen, :pub, :sealed, :at)""")
                    .param("kid", key.getKeyID()).param("gen", next).param("pub", key.toPublicJWK().toJSONString())
                    .param("sealed", sealer().seal(key.toJSONString())).param("at", Sql.at(now)).update();
            jdbc.sql("update developer_signing_keys set retire_at = :retire where generation < :gen and retire_at is null")
                    .param("retire", Sql.at(now.plus(properties.signingKeyRetention()))).param("gen", next).update();
            audit.record(null, "oauth.signing_key_rotated", key.getKeyID(), reason);
            log.info("New token signing key {} ({})", key.getKeyID(), reason);
        } catch (DuplicateKeyException raced) {
            log.debug("Another node made signing key generation {} first", next);
        }
        reload();
        return keys().get(0);
    }

    /** Rotates when the newest key is older than the rotation period; safe on every node at once. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void rotateIfDue() {
        List<SigningKey> keys = reload();
        if (!keys.isEmpty() && keys.get(0).createdAt().plus(properties.signingKeyRotation()).isBefore(clock.instant())) {
            rotate("scheduled rotation");
        }
    }

    private synchronized List<SigningKey> reload() {
        Instant now = clock.instant();
        List<SigningKey> keys = jdbc.sql("select * from developer_signing_keys where retire_at is null or retire_at > :now order by generation desc")
                .param("now", Sql.at(now))
                .query((rs, n) -> {
                    try {
                        return new SigningKey(rs.getString("kid"), rs.getLong("generation"),
                                RSAKey.parse(sealer().open(rs.getString("sealed_private_jwk"))), Sql.instant(rs, "created_at"),
                                Sql.instant(rs, "retire_at"));
                    } catch (ParseException e) {
                        throw new IllegalStateException("Stored signing key " + rs.getString("kid") + " is not a JWK", e);
                    }
                }).list();
        loaded = new Loaded(keys, now);
        return keys;
    }

    private KeySealer sealer() {
        KeySealer s = sealer;
        if (s == null) {
            synchronized (this) {
                if (sealer == null) {
                    sealer = new KeySealer(installationSecret());
                }
                s = sealer;
            }
        }
        return s;
    }

    private String installationSecret() {
        if (properties.keySecret() != null && !properties.keySecret().isBlank()) {
            return properties.keySecret();
        }
        return settings.get(GENERATED_SECRET).orElseGet(() -> {
            log.warn("FLYWHEEL_KEY_SECRET is not set: token signing keys are sealed with a generated secret kept in the database. "
                    + "Set FLYWHEEL_KEY_SECRET in production.");
            String generated = Secrets.randomBase62(43);
            try {
                settings.put(GENERATED_SECRET, generated);
            } catch (DuplicateKeyException raced) {
                log.debug("Another node stored the generated key secret first");
            }
            return settings.get(GENERATED_SECRET).orElse(generated);
        });
    }
}
