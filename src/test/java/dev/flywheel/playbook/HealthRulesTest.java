package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.community.Community;
import dev.flywheel.playbook.HealthRule.Finding;
import dev.flywheel.playbook.HealthRule.Severity;
import dev.flywheel.playbook.HealthRule.Warning;
import dev.flywheel.playbook.LeverPriority.Pillar;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
    private static final PlaybookProperties DEFAULTS = new PlaybookProperties(10, Duration.ofDays(3), Duration.ofDays(30), 50, 5,
            Duration.ofDays(30), 50, Duration.ofDays(30), 60, 10, Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofDays(30), 10, 10);

    // ---- moderation backlog

    @Test
    void aShortFreshQueueWithGoodSubmissionsIsHealthy() {
        Finding f = ModerationBacklogRule.evaluate(backlog(4, 0, 0, NOW.minus(Duration.ofDays(1)), 8, 1, 1), DEFAULTS, NOW);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).contains("4 template version(s) waiting").contains("8 approved, 1 rejected, 1 sent back");
    }

    @Test
    void warnsWhenTheQueueReachesTheLimit() {
        Finding f = ModerationBacklogRule.evaluate(backlog(10, 0, 0, NOW.minus(Duration.ofHours(20)), 0, 0, 0), DEFAULTS, NOW);
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.subject()).isEqualTo("The moderation queue");
            assertThat(w.evidence()).contains("10 version(s) wait for review (the limit is 10)");
            assertThat(w.action()).contains("oldest first");
        });
    }

    @Test
    void warnsWhenASubmissionWaitedLongerThanAllowedEvenInAShortQueue() {
        Finding f = ModerationBacklogRule.evaluate(backlog(2, 0, 1, NOW.minus(Duration.ofDays(4)), 0, 0, 0), DEFAULTS, NOW);
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.evidence()).contains("1 have waited longer than 3 days").contains("the oldest since 2026-03-28");
        });
    }

    @Test
    void twiceTheLimitOrTwiceTheWaitIsCritical() {
        assertThat(ModerationBacklogRule.evaluate(backlog(20, 0, 0, NOW.minus(Duration.ofHours(1)), 0, 0, 0), DEFAULTS, NOW).warnings())
                .singleElement().extracting(Warning::severity).isEqualTo(Severity.CRITICAL);
        assertThat(ModerationBacklogRule.evaluate(backlog(1, 0, 1, NOW.minus(Duration.ofDays(7)), 0, 0, 0), DEFAULTS, NOW).warnings())
                .singleElement().extracting(Warning::severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void warnsWhenMostRecentDecisionsWereRejectionsOrChangeRequests() {
        Finding f = ModerationBacklogRule.evaluate(backlog(3, 2, 0, NOW, 3, 2, 1), DEFAULTS, NOW);
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.subject()).isEqualTo("Submission quality");
            assertThat(w.evidence()).contains("3 of 6 decisions in the last 30 days").contains("2 waiting version(s) had secrets redacted");
            assertThat(w.action()).contains("contribution guidelines");
        });
    }

    @Test
    void qualityIsNotJudgedOnTooFewDecisions() {
        assertThat(ModerationBacklogRule.evaluate(backlog(0, 0, 0, null, 0, 3, 1), DEFAULTS, NOW).warnings()).isEmpty();
        assertThat(ModerationBacklogRule.evaluate(backlog(0, 0, 0, null, 3, 1, 1), DEFAULTS, NOW).warnings()).isEmpty();
    }

    // ---- idle templates

    @Test
    void noIdleTemplateIsHealthy() {
        Finding f = IdleTemplatesRule.evaluate(new Community.IdleTemplates(12, 0, List.of()), DEFAULTS);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).isEqualTo("12 template(s) published more than 30 days ago; 0 without an active use.");
    }

    @Test
    void idleTemplatesAreNamedWithWhetherTheyWereTakenAndDropped() {
        Finding f = IdleTemplatesRule.evaluate(new Community.IdleTemplates(10, 3, List.of(
                idle("Sync deals to Slack", 4), idle("Invoice to Sheets", 0))), DEFAULTS);
        Warning w = f.warnings().get(0);
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        assertThat(w.evidence()).startsWith("3 of 10 template(s)").contains("'Sync deals to Slack' (published 2026-01-01, 4 copies taken, none kept)")
                .contains("'Invoice to Sheets' (published 2026-01-01, never taken)").endsWith("and 1 more.");
        assertThat(w.action()).contains("ask its author for a fix").contains("clearer title");
    }

    @Test
    void halfOrMoreIdleIsCritical() {
        assertThat(IdleTemplatesRule.evaluate(new Community.IdleTemplates(4, 2, List.of(idle("A", 0), idle("B", 1))), DEFAULTS).warnings())
                .singleElement().satisfies(w -> {
                    assertThat(w.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(w.evidence()).contains("1 copy taken").doesNotContain("more.");
                    assertThat(w.action()).contains("author").contains("clearer title");
                });
    }

    // ---- single pillar

    @Test
    void warnsWhenOnlyOnePillarGrowsWithTheFiguresOfBothWindows() {
        // installs 20 -> 30 (+50%); events 1000 -> 1000 (flat); cross-sell 12 -> 8 (fell)
        Finding f = SinglePillarRule.evaluate(pillars(20, 30, 1000, 1000, 12, 8), DEFAULTS);
        assertThat(f.checked()).isEqualTo("Last 30 days against the 30 before: network effects (installs) 20 → 30; "
                + "data amplification (events) 1000 → 1000; cross-sell (leads) 12 → 8.");
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.subject()).isEqualTo("network effects");
            assertThat(w.evidence()).isEqualTo("Only network effects grew in the last 30 days (installs 20 → 30, +50%); "
                    + "data amplification stayed flat (events 1000 → 1000), cross-sell fell (leads 12 → 8).");
            assertThat(w.action()).contains("data amplification and cross-sell").contains("events").contains("referral links");
        });
    }

    @Test
    void aRiseBelowTheGrowthThresholdIsNotGrowth() {
        // events 1000 -> 1099 is +9.9%, under 10%: only cross-sell (0 -> 10, from nothing) grows
        Finding f = SinglePillarRule.evaluate(pillars(5, 5, 1000, 1099, 0, 10), DEFAULTS);
        assertThat(f.warnings()).singleElement().satisfies(w -> assertThat(w.evidence())
                .startsWith("Only cross-sell grew in the last 30 days (leads 0 → 10, from nothing); ")
                .contains("data amplification barely moved (events 1000 → 1099)"));
        // 1000 -> 1100 is exactly +10%: two pillars grow
        assertThat(SinglePillarRule.evaluate(pillars(5, 5, 1000, 1100, 0, 10), DEFAULTS).warnings()).isEmpty();
    }

    @Test
    void twoPillarsGrowingIsHealthy() {
        Finding f = SinglePillarRule.evaluate(pillars(20, 30, 1000, 1500, 12, 8), DEFAULTS);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).endsWith("; 2 pillars growing by 10% or more.");
    }

    @Test
    void nothingGrowingIsNotASinglePillar() {
        Finding f = SinglePillarRule.evaluate(pillars(30, 20, 1000, 900, 12, 12), DEFAULTS);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).endsWith("; no pillar growing by 10% or more.");
    }

    @Test
    void tooLittleDataToJudgeIsHealthyAndSaysSo() {
        // installs 0 -> 9 would be growth from nothing, but no pillar reaches 10 in either window
        Finding f = SinglePillarRule.evaluate(pillars(0, 9, 3, 2, 0, 0), DEFAULTS);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).endsWith("; too little data to judge (no pillar reaches 10 in either window).");
    }

    @Test
    void aPillarUnderTheMinimumDoesNotCountAsGrowing() {
        // events carry enough data; installs 2 -> 9 rise but stay under the minimum of 10
        assertThat(SinglePillarRule.evaluate(pillars(2, 9, 1000, 1000, 0, 0), DEFAULTS).warnings()).isEmpty();
    }

    @Test
    void theMatrixStillFlagsHighImpactLeversFeedingOnePillar() {
        assertThat(LeverPriority.singlePillar(List.of(lever("Webinars", 4.0, 2.0, Pillar.CROSS_SELL), lever("Referral push", 3.0, 3.0, Pillar.CROSS_SELL),
                lever("AI onboarding", 2.0, 4.0, Pillar.DATA_AMPLIFICATION)))).contains(Pillar.CROSS_SELL);
        assertThat(LeverPriority.singlePillar(List.of(lever("Webinars", 4.0, 2.0, Pillar.CROSS_SELL),
                lever("Public API", 5.0, 4.0, Pillar.NETWORK_EFFECTS)))).isEmpty();
    }

    private static List<SinglePillarRule.PillarActivity> pillars(long installsBefore, long installs, long eventsBefore, long events,
            long crossBefore, long cross) {
        return List.of(new SinglePillarRule.PillarActivity(Pillar.NETWORK_EFFECTS, "installs", installsBefore, installs),
                new SinglePillarRule.PillarActivity(Pillar.DATA_AMPLIFICATION, "events", eventsBefore, events),
                new SinglePillarRule.PillarActivity(Pillar.CROSS_SELL, "leads", crossBefore, cross));
    }

    // ---- the advice as a whole

    @Test
    void stallsWithoutARuleAreListedAsNotAvailableWithTheModuleTheyNeed() {
        List<HealthAdvice.Entry> entries = HealthAdvice.assemble(Map.of());
        assertThat(entries).hasSize(Stall.values().length).allMatch(e -> e.state() == HealthAdvice.State.NOT_AVAILABLE);
        assertThat(entries.stream().filter(e -> e.stall() == Stall.UNANSWERED_REVIEWS).findFirst().orElseThrow().needsText())
                .isEqualTo("not available yet — needs the marketplace module");
    }

    @Test
    void warningsComeFirstCriticalOnTopThenHealthyThenUnavailable() {
        Map<Stall, List<Finding>> findings = new EnumMap<>(Stall.class);
        findings.put(Stall.SINGLE_PILLAR, List.of(Finding.healthy("fine")));
        findings.put(Stall.MODERATION_BACKLOG, List.of(new Finding("q", List.of(new Warning(Severity.WARNING, "s", "e", "a")))));
        findings.put(Stall.IDLE_TEMPLATES, List.of(new Finding("i", List.of(new Warning(Severity.CRITICAL, "s", "e", "a")))));
        List<HealthAdvice.Entry> entries = HealthAdvice.assemble(findings);
        assertThat(entries).extracting(HealthAdvice.Entry::stall).startsWith(Stall.IDLE_TEMPLATES, Stall.MODERATION_BACKLOG, Stall.SINGLE_PILLAR);
        assertThat(entries.get(0).critical()).isTrue();
        assertThat(entries.get(2).state()).isEqualTo(HealthAdvice.State.HEALTHY);
        assertThat(entries.subList(3, entries.size())).allMatch(e -> e.state() == HealthAdvice.State.NOT_AVAILABLE);
        assertThat(HealthAdvice.warnings(entries)).isEqualTo(2);
    }

    @Test
    void oneWarningRuleAmongHealthyOnesMakesTheStallAWarning() {
        Map<Stall, List<Finding>> findings = Map.of(Stall.PARTNER_APP_ERRORS, List.of(Finding.healthy("webhooks fine"),
                new Finding("api", List.of(new Warning(Severity.WARNING, "app", "errors", "fix")))));
        HealthAdvice.Entry e = HealthAdvice.assemble(findings).get(0);
        assertThat(e.state()).isEqualTo(HealthAdvice.State.WARNING);
        assertThat(e.findings()).hasSize(2);
        assertThat(e.warnings()).hasSize(1);
    }

    @Test
    void aFailingRuleShowsAsAWarningInsteadOfHidingTheOthers() {
        HealthRule broken = new HealthRule() {
            @Override
            public Stall stall() {
                return Stall.IDLE_TEMPLATES;
            }

            @Override
            public Finding check(Instant now) {
                throw new IllegalStateException("boom");
            }
        };
        HealthRule fine = new HealthRule() {
            @Override
            public Stall stall() {
                return Stall.SINGLE_PILLAR;
            }

            @Override
            public Finding check(Instant now) {
                return Finding.healthy("ok");
            }
        };
        List<HealthAdvice.Entry> entries = new HealthAdvisor(List.of(broken, fine), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).advise();
        assertThat(entries.get(0).stall()).isEqualTo(Stall.IDLE_TEMPLATES);
        assertThat(entries.get(0).warnings()).singleElement().satisfies(w -> assertThat(w.evidence()).contains("IllegalStateException"));
        assertThat(entries.get(1).state()).isEqualTo(HealthAdvice.State.HEALTHY);
    }

    private static Community.ModerationBacklog backlog(long pending, long redacted, long waiting, Instant oldest, long approved, long rejected,
            long changes) {
        return new Community.ModerationBacklog(pending, redacted, waiting, oldest, approved, rejected, changes);
    }

    private static Community.IdleTemplate idle(String title, long taken) {
        return new Community.IdleTemplate("tpl_" + title.hashCode(), title, Instant.parse("2026-01-01T09:00:00Z"), taken);
    }

    private static LeverPriority.Scored lever(String name, Double impact, Double effort, Pillar... pillars) {
        return new LeverPriority.Scored("lev_" + name.hashCode(), name, Set.of(pillars), impact, effort, impact == null ? 0 : 1);
    }
}
