package dev.flywheel.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SigningTest {

    @Test
    void matchesTheStandardWebhooksSpecificationExample() {
        // The example from the Standard Webhooks specification's reference tests.
        byte[] key = Signatures.keyOf("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String signature = Signatures.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}", key);
        assertThat(signature).isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEverySecretDuringARotation() {
        byte[] a = Signatures.keyOf(Signatures.newSecret());
        byte[] b = Signatures.keyOf(Signatures.newSecret());
        String header = Signatures.header("evt_1", 1700000000L, "{}", List.of(a, b));
        String[] parts = header.split(" ");
        assertThat(parts).hasSize(2);
        assertThat(parts[0]).isEqualTo("v1," + Signatures.sign("evt_1", 1700000000L, "{}", a));
        assertThat(parts[1]).isEqualTo("v1," + Signatures.sign("evt_1", 1700000000L, "{}", b));
    }

    @Test
    void secretsAreWhsecAndThirtyTwoRandomBytes() {
        String secret = Signatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Signatures.keyOf(secret)).hasSize(32);
        assertThat(Signatures.newSecret()).isNotEqualTo(secret);
        assertThatThrownBy(() -> Signatures.keyOf("sk_123")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretBoxRoundTripsAndBindsToItsRow() {
        SecretBox box = new SecretBox(SecretBox.newKey());
        String sealed = box.seal("whsec_abc", "whk_1");
        assertThat(sealed).startsWith("v1:").doesNotContain("whsec_abc");
        assertThat(box.seal("whsec_abc", "whk_1")).isNotEqualTo(sealed);
        assertThat(box.open(sealed, "whk_1")).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> box.open(sealed, "whk_2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(SecretBox.newKey()).open(sealed, "whk_1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveryLifecycleAllowsOnlyItsTransitions() {
        assertThat(DeliveryStatus.PENDING.canBecome(DeliveryStatus.SENDING)).isTrue();
        assertThat(DeliveryStatus.PENDING.canBecome(DeliveryStatus.DELIVERED)).isFalse();
        assertThat(DeliveryStatus.SENDING.canBecome(DeliveryStatus.PENDING)).isTrue();
        assertThat(DeliveryStatus.DELIVERED.canBecome(DeliveryStatus.PENDING)).isTrue();
        assertThat(DeliveryStatus.DELIVERED.canBecome(DeliveryStatus.FAILED)).isFalse();
        assertThat(DeliveryStatus.FAILED.canBecome(DeliveryStatus.SENDING)).isFalse();
    }
}
