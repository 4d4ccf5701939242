package dev.flywheel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInGuardTest {

    @Test
    void locksOnlyFromTheLimitAndDoublesUpToAnHour() {
        assertThat(SignInGuard.lockFor(4, 5)).isZero();
        assertThat(SignInGuard.lockFor(5, 5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SignInGuard.lockFor(6, 5)).isEqualTo(Duration.ofMinutes(2));
        assertThat(SignInGuard.lockFor(9, 5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(SignInGuard.lockFor(11, 5)).isEqualTo(Duration.ofHours(1));
        assertThat(SignInGuard.lockFor(500, 5)).isEqualTo(Duration.ofHours(1));
    }
}
