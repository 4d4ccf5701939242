package dev.flywheel.marketplace;

import dev.flywheel.platform.jdbc.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A partner's funnel for one listing, per day: listing views → install clicks → consent shown →
 * installed → activated → retained 30 days; and, per requested scope, how often the consent
 * screen showing it ended without an install (the drop-off a scope causes).
 */
@Service
class Funnel {

    static final List<String> STAGES = List.of("view", "install_click", "consent_shown", "installed", "activated", "retained_30d");

    record Day(LocalDate date, Map<String, Long> counts) {

        long count(String stage) {
            return counts.getOrDefault(stage, 0L);
        }
    }

    record ScopeDropOff(String scope, long shown, long installed, double dropOff) {
    }

    record Report(List<Day> days, Map<String, Long> totals, List<ScopeDropOff> scopes) {
    }

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    Funnel(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Report report(String listingId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            byDay.put(d, new LinkedHashMap<>());
        }
        jdbc.sql("""
                select occurred_on, kind, count(*) as n from mkt_listing_events where listing_id = :l and occurred_on between :from and :to
                group by occurred_on, kind""")
                .param("l", listingId).param("from", from).param("to", to)
                .query(rs -> {
                    Map<String, Long> day = byDay.get(rs.getObject("occurred_on", LocalDate.class));
                    if (day != null) {
                        day.put(rs.getString("kind"), rs.getLong("n"));
                    }
                });
        Instant now = clock.instant();
        // Retained 30 days: installs of that day still installed 30 days later (only days at least 30 days ago can count).
        jdbc.sql("select installed_at, uninstalled_at from mkt_installations where listing_id = :l and installed_at >= :from and installed_at < :to")
                .param("l", listingId).param("from", Sql.at(from.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .param("to", Sql.at(to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .query(rs -> {
                    Instant installed = Sql.instant(rs, "installed_at");
                    Instant uninstalled = Sql.instant(rs, "uninstalled_at");
                    Instant mark = installed.plus(Duration.ofDays(30));
                    if (!mark.isAfter(now) && (uninstalled == null || uninstalled.isAfter(mark))) {
                        byDay.get(LocalDate.ofInstant(installed, ZoneOffset.UTC)).merge("retained_30d", 1L, Long::sum);
                    }
                });
        List<Day> days = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        STAGES.forEach(s -> totals.put(s, 0L));
        byDay.forEach((date, counts) -> {
            days.add(new Day(date, counts));
            counts.forEach((k, v) -> totals.merge(k, v, Long::sum));
        });
        Map<String, long[]> perScope = new TreeMap<>();
        jdbc.sql("select kind, scopes from mkt_listing_events where listing_id = :l and kind in ('consent_shown', 'installed') "
                + "and occurred_on between :from and :to and scopes is not null")
                .param("l", listingId).param("from", from).param("to", to)
                .query(rs -> {
                    int slot = "consent_shown".equals(rs.getString("kind")) ? 0 : 1;
                    for (String scope : ListingRepository.lines(rs.getString("scopes"))) {
                        perScope.computeIfAbsent(scope, k -> new long[2])[slot]++;
                    }
                });
        List<ScopeDropOff> scopes = new ArrayList<>();
        perScope.forEach((scope, n) -> scopes.add(new ScopeDropOff(scope, n[0], n[1],
                n[0] == 0 ? 0 : Math.max(0, 1 - (double) n[1] / n[0]))));
        return new Report(days, totals, scopes);
    }
}
