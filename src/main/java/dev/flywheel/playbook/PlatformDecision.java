package dev.flywheel.playbook;

import java.util.List;

/**
 * Build a platform, go hybrid, or join others' platforms: five yes/no questions, and the verdict
 * from how many are yes — build with 4 or 5, join with 2 or fewer, hybrid with exactly 3. Pure.
 */
final class PlatformDecision {

    enum Question {
        CRITICAL_MASS("Do you have a critical mass of 10,000+ active customers in a segment?"),
        USE_CASES("Are there 20+ integration use cases customers ask for?"),
        ENGINEERING("Can engineering commit a team to a public API and platform for years?"),
        CENTRALITY("Is your product central in your customers' daily workflow?"),
        ECONOMICS("Do marketplace economics work (partners earn enough, you can take a share)?");

        private final String text;

        Question(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    enum Verdict {
        BUILD("Build a platform"), HYBRID("Hybrid: open selected APIs and join the key platforms"), JOIN("Join others' platforms");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private PlatformDecision() {
    }

    static Verdict verdict(int yes) {
        if (yes < 0 || yes > 5) {
            throw new IllegalArgumentException("yes answers must be 0 to 5, was " + yes);
        }
        return yes >= 4 ? Verdict.BUILD : yes <= 2 ? Verdict.JOIN : Verdict.HYBRID;
    }

    static Verdict verdict(List<Boolean> answers) {
        return verdict((int) answers.stream().filter(Boolean.TRUE::equals).count());
    }
}
