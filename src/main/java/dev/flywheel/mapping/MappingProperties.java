package dev.flywheel.mapping;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of account mapping.
 *
 * @param keyEncryptionKey base64 of 32 random bytes that wraps every partnership key (env
 *        {@code FLYWHEEL_MAPPING_KEY_ENCRYPTION_KEY}). Keep it outside the database in production:
 *        when empty, one is generated on first use and kept in the database's settings, which
 *        protects less (whoever reads the database can unwrap the keys) and is logged as a warning.
 * @param coSellThreshold share of a partner's customers that must overlap for co-sell priority (default 0.20)
 * @param maxRecords most records in one population load (default 1,000,000)
 */
@ConfigurationProperties("flywheel.mapping")
public record MappingProperties(
        String keyEncryptionKey,
        @DefaultValue("0.20") BigDecimal coSellThreshold,
        @DefaultValue("1000000") int maxRecords) {
}
