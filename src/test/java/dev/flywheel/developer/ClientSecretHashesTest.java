package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Secrets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSecretHashesTest {

    private final ClientSecretHashes encoder = new ClientSecretHashes();

    @Test
    void matchesAnyOfTheValidSecrets() {
        String encoded = ClientSecretHashes.encode(List.of(Secrets.sha256Hex("old"), Secrets.sha256Hex("new")));
        assertThat(encoder.matches("old", encoded)).isTrue();
        assertThat(encoder.matches("new", encoded)).isTrue();
        assertThat(encoder.matches("other", encoded)).isFalse();
        assertThat(encoder.matches("", encoded)).isFalse();
    }

    @Test
    void anAppWithoutValidSecretsMatchesNothing() {
        String encoded = ClientSecretHashes.encode(List.of());
        assertThat(encoder.matches("", encoded)).isFalse();
        assertThat(encoder.matches("anything", encoded)).isFalse();
    }

    @Test
    void refusesOtherEncodingsAndNeverAsksToUpgrade() {
        assertThat(encoder.matches("secret", "{noop}secret")).isFalse();
        assertThat(encoder.matches("secret", Secrets.sha256Hex("secret"))).isFalse();
        assertThat(encoder.upgradeEncoding(ClientSecretHashes.encode(List.of("x")))).isFalse();
        assertThat(encoder.matches("s", encoder.encode("s"))).isTrue();
    }

    @Test
    void keySealerRoundTripsAndRefusesAnotherSecret() {
        KeySealer sealer = new KeySealer("installation-secret-1234567890");
        String sealed = sealer.seal("{\"d\":\"private\"}");
        assertThat(sealed).startsWith("v1.").doesNotContain("private");
        assertThat(sealer.open(sealed)).isEqualTo("{\"d\":\"private\"}");
        assertThat(sealer.seal("same")).isNotEqualTo(sealer.seal("same"));
        assertThatThrownBy(() -> new KeySealer("another-secret-1234567890").open(sealed)).hasMessageContaining("FLYWHEEL_KEY_SECRET");
        assertThatThrownBy(() -> new KeySealer("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
