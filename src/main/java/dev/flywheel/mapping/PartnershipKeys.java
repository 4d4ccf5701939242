package dev.flywheel.mapping;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Settings;
import dev.flywheel.platform.jdbc.Sql;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One random 256-bit key per partnership (partner × mode), created on first use and stored only
 * wrapped with AES-256-GCM under the key-encryption key. From it: HMAC-SHA-256 of identifiers and
 * an AES-GCM key (derived with HMAC, a separate purpose) that seals each record's fields.
 */
@Component
class PartnershipKeys {

    /** A partnership with its unwrapped key, able to hash and seal. */
    record Partnership(String id, String partnerId, Mode mode, byte[] key) {

        String hmac(String purpose, String value) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal((purpose + ":" + value).getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private byte[] sealingKey() {
            return HexFormat.of().parseHex(hmac("seal", "fields"));
        }

        String seal(String plaintext) {
            return PartnershipKeys.seal(sealingKey(), plaintext.getBytes(StandardCharsets.UTF_8));
        }

        String open(String sealed) {
            return new String(PartnershipKeys.open(sealingKey(), sealed), StandardCharsets.UTF_8);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PartnershipKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEK_SETTING = "mapping.key-encryption-key";

    private final JdbcClient jdbc;
    private final Settings settings;
    private final MappingProperties properties;
    private final Clock clock;
    private final Map<String, byte[]> unwrapped = new ConcurrentHashMap<>();
    private volatile byte[] kek;

    PartnershipKeys(JdbcClient jdbc, Settings settings, MappingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<Partnership> find(String partnerId, Mode mode) {
        return jdbc.sql("select id, wrapped_key from mapping_partnerships where partner_id = :p and mode = :m")
                .param("p", partnerId).param("m", mode.wire())
                .query((rs, n) -> new Partnership(rs.getString("id"), partnerId, mode, unwrap(rs.getString("id"), rs.getString("wrapped_key"))))
                .optional();
    }

    /**
     * Holds the partnership's row lock until the caller's transaction ends, so two loads on
     * opposite sides of one partnership take turns: each then counts its overlap against what the
     * other has committed, and neither misses the other's new records.
     */
    Partnership lock(String partnerId, Mode mode) {
        return jdbc.sql("select id, wrapped_key from mapping_partnerships where partner_id = :p and mode = :m for update")
                .param("p", partnerId).param("m", mode.wire())
                .query((rs, n) -> new Partnership(rs.getString("id"), partnerId, mode, unwrap(rs.getString("id"), rs.getString("wrapped_key"))))
                .single();
    }

    /** Every partnership, to find one person's records (each partnership hashes the email under its own key). */
    java.util.List<Partnership> all() {
        return jdbc.sql("select id, partner_id, mode, wrapped_key from mapping_partnerships order by id")
                .query((rs, n) -> new Partnership(rs.getString("id"), rs.getString("partner_id"), Mode.fromWire(rs.getString("mode")),
                        unwrap(rs.getString("id"), rs.getString("wrapped_key"))))
                .list();
    }

    Partnership findOrCreate(String partnerId, Mode mode) {
        return find(partnerId, mode).orElseGet(() -> {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            String id = Ids.next("pns");
            try {
                jdbc.sql("insert into mapping_partnerships (id, partner_id, mode, wrapped_key, created_at) values (:id, :p, :m, :k, :at)")
                        .param("id", id).param("p", partnerId).param("m", mode.wire()).param("k", seal(kek(), key))
                        .param("at", Sql.at(clock.instant())).update();
                return new Partnership(id, partnerId, mode, key);
            } catch (DuplicateKeyException raced) {
                return find(partnerId, mode).orElseThrow(() -> raced);
            }
        });
    }

    private byte[] unwrap(String id, String wrapped) {
        return unwrapped.computeIfAbsent(id, x -> open(kek(), wrapped));
    }

    private byte[] kek() {
        byte[] k = kek;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (kek == null) {
                String configured = properties.keyEncryptionKey();
                if (configured == null || configured.isBlank()) {
                    configured = settings.get(KEK_SETTING).orElseGet(() -> {
                        byte[] fresh = new byte[32];
                        RANDOM.nextBytes(fresh);
                        String encoded = Base64.getEncoder().encodeToString(fresh);
                        settings.put(KEK_SETTING, encoded);
                        return settings.get(KEK_SETTING).orElse(encoded);
                    });
                    log.warn("Account mapping keys are wrapped with a key kept in the database; set FLYWHEEL_MAPPING_KEY_ENCRYPTION_KEY "
                            + "(base64 of 32 random bytes) to keep it outside.");
                }
                byte[] decoded = Base64.getDecoder().decode(configured.trim());
                if (decoded.length != 32) {
                    throw new IllegalStateException("flywheel.mapping.key-encryption-key must be base64 of exactly 32 bytes");
                }
                kek = decoded;
            }
            return kek;
        }
    }

    static String seal(byte[] key, byte[] plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] open(byte[] key, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, all, 0, 12));
            return cipher.doFinal(all, 12, all.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value could not be opened: wrong key-encryption key?", e);
        }
    }
}
