package dev.flywheel.marketplace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Catches credentials pasted into a listing's text (it happens: a setup guide with a real key).
 * The findings name the field and the kind of secret, never the secret itself.
 */
@Component
class SecretsInTextCheck implements ReviewCheck {

    private record Kind(String label, Pattern pattern) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("an AWS access key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new Kind("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
            new Kind("a GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b")),
            new Kind("a Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b")),
            new Kind("a Stripe secret key", Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{16,}\\b")),
            new Kind("a Flywheel API key", Pattern.compile("\\bfw_(live|test)_[A-Za-z0-9]{16,}\\b")),
            new Kind("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b")),
            new Kind("a JSON web token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}")),
            new Kind("a password or secret assignment",
                    Pattern.compile("(?i)\\b(password|passwd|secret|api[_-]?key|client[_-]?secret|token)\\s*[:=]\\s*['\"]?[^\\s'\"]{8,}")));

    @Override
    public String name() {
        return "no-secrets-in-text";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Result check(Subject subject) {
        List<String> failures = new ArrayList<>();
        for (ListingContent.NamedUrl text : subject.content().texts()) {
            for (Kind kind : KINDS) {
                if (kind.pattern().matcher(text.value()).find()) {
                    failures.add(text.field() + " contains what looks like " + kind.label()
                            + ": remove it, and revoke it, since it has been exposed");
                }
            }
        }
        return ReviewCheck.of(name(), failures, List.of());
    }

    /** Whether a text would fail this check; used to refuse secrets in reviews and replies too. */
    static boolean containsSecret(String text) {
        return text != null && KINDS.stream().anyMatch(k -> k.pattern().matcher(text).find());
    }
}
