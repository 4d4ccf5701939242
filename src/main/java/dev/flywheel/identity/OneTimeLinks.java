package dev.flywheel.identity;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Issues and redeems the single-use tokens behind emailed links. */
@Component
class OneTimeLinks {

    private final UserTokenRepository tokens;
    private final Clock clock;

    OneTimeLinks(UserTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new token for the user; returns the secret that goes into the link. */
    String issue(String userId, UserTokenRepository.Purpose purpose, Duration validity) {
        String secret = Secrets.randomBase62(40);
        Instant now = clock.instant();
        tokens.insert(Ids.next("tok"), userId, purpose, Secrets.sha256Hex(secret), now.plus(validity), now);
        return secret;
    }

    /** The token if it exists, has this purpose, is unused and unexpired. */
    Optional<UserTokenRepository.Token> valid(String secret, UserTokenRepository.Purpose purpose) {
        if (secret == null || secret.length() < 20 || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByHash(Secrets.sha256Hex(secret))
                .filter(t -> t.purpose() == purpose && t.usedAt() == null && t.expiresAt().isAfter(now));
    }

    /** Redeems the token; false if it was redeemed already, e.g. by a concurrent request. */
    boolean redeem(UserTokenRepository.Token token) {
        return tokens.use(token.id(), clock.instant());
    }

    void expireOpen(String userId, UserTokenRepository.Purpose purpose) {
        tokens.expireOpen(userId, purpose, clock.instant());
    }
}
