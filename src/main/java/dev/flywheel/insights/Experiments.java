package dev.flywheel.insights;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A/B tests on ecosystem levers: definition with sample-size guidance, deterministic assignment, exposures, conversions, results. */
@Service
class Experiments {

    record Experiment(String id, Mode mode, String name, String lever, String hypothesis, BigDecimal treatmentShare, BigDecimal baselineRate,
            BigDecimal minimumEffect, long samplePerArm, String status, Instant startedAt, Instant stoppedAt) {
    }

    record Results(Experiment experiment, ExperimentStats.Result stats, boolean planReached, String warning) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Experiments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Experiment create(Mode mode, String name, String lever, String hypothesis, BigDecimal share, BigDecimal baseline, BigDecimal mde) {
        long sample;
        try {
            sample = ExperimentStats.sampleSizePerArm(baseline.doubleValue(), mde.doubleValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("baseline_rate", "and baseline_rate + minimum_detectable_effect must be between 0 and 1 (exclusive), effect not 0");
        }
        if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) >= 0) {
            throw ApiException.invalid("treatment_share", "must be between 0 and 1 (exclusive)");
        }
        Instant now = clock.instant();
        Experiment e = new Experiment(Ids.next("exp"), mode, name.trim(), lever.trim(), hypothesis, share, baseline, mde, sample, "running", now, null);
        jdbc.sql("""
                insert into insights_experiments (id, mode, name, lever, hypothesis, treatment_share, baseline_rate, minimum_effect, sample_per_arm,
                  status, started_at, created_at) values (:id, :mode, :name, :lever, :h, :share, :base, :mde, :n, 'running', :at, :at)""")
                .param("id", e.id()).param("mode", mode.wire()).param("name", e.name()).param("lever", e.lever()).param("h", hypothesis)
                .param("share", share).param("base", baseline).param("mde", mde).param("n", sample).param("at", Sql.at(now)).update();
        return e;
    }

    Experiment get(Mode mode, String id) {
        return jdbc.sql("select * from insights_experiments where id = :id and mode = :mode").param("id", id).param("mode", mode.wire())
                .query(Experiments::map).optional().orElseThrow(() -> ApiException.notFound("experiment", id));
    }

    CursorPage<Experiment> page(Mode mode, PageQuery query) {
        List<Experiment> rows = jdbc.sql("""
                select * from insights_experiments where mode = :mode and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("mode", mode.wire()).param("after", query.startingAfter()).param("limit", query.fetchSize()).query(Experiments::map).list();
        return CursorPage.of(rows, query, Experiment::id);
    }

    String arm(Experiment e, String account) {
        return ExperimentStats.inTreatment(e.id(), account, e.treatmentShare().doubleValue()) ? "treatment" : "control";
    }

    /** Records an exposure or conversion; repeats are ignored. Answers the account's arm. */
    @Transactional
    String record(Mode mode, String id, String account, String kind, Instant at) {
        Experiment e = get(mode, id);
        if (!"running".equals(e.status())) {
            throw ApiException.conflict("The experiment was stopped on " + e.stoppedAt() + "; it takes no more events.");
        }
        String arm = arm(e, account);
        if (!jdbc.sql("select count(*) from insights_experiment_events where experiment_id = :e and account_external_id = :a and event_kind = :k")
                .param("e", id).param("a", account).param("k", kind).query(Long.class).single().equals(0L)) {
            return arm;
        }
        try {
            jdbc.sql("""
                    insert into insights_experiment_events (id, experiment_id, account_external_id, arm, event_kind, occurred_at)
                    values (:id, :e, :a, :arm, :k, :at)""")
                    .param("id", Ids.next("xev")).param("e", id).param("a", account).param("arm", arm).param("k", kind)
                    .param("at", Sql.at(at == null ? clock.instant() : at)).update();
        } catch (DuplicateKeyException repeated) {
            // The same event arrived twice at once; one is enough.
        }
        return arm;
    }

    Experiment stop(Mode mode, String id) {
        Experiment e = get(mode, id);
        if (!"running".equals(e.status())) {
            throw ApiException.conflict("The experiment is already stopped.");
        }
        jdbc.sql("update insights_experiments set status = 'stopped', stopped_at = :at where id = :id")
                .param("id", id).param("at", Sql.at(clock.instant())).update();
        return get(mode, id);
    }

    /** Exposed accounts per arm, and those of them that converted. */
    Results results(Mode mode, String id) {
        Experiment e = get(mode, id);
        long[] counts = new long[4];
        jdbc.sql("""
                select x.arm, count(*) as exposed, sum(case when exists (select 1 from insights_experiment_events c where c.experiment_id = x.experiment_id
                  and c.account_external_id = x.account_external_id and c.event_kind = 'conversion') then 1 else 0 end) as converted
                from insights_experiment_events x where x.experiment_id = :id and x.event_kind = 'exposure' group by x.arm""")
                .param("id", id).query((ResultSet rs) -> {
                    int base = "treatment".equals(rs.getString("arm")) ? 2 : 0;
                    counts[base] = rs.getLong("exposed");
                    counts[base + 1] = rs.getLong("converted");
                });
        ExperimentStats.Result stats = counts[0] == 0 || counts[2] == 0 ? null : ExperimentStats.compare(counts[0], counts[1], counts[2], counts[3]);
        boolean reached = counts[0] >= e.samplePerArm() && counts[2] >= e.samplePerArm();
        String warning = null;
        if (!reached) {
            warning = "Peeking: only " + counts[0] + " control and " + counts[2] + " treatment exposures of the planned " + e.samplePerArm()
                    + " per arm. No sequential method is applied, so looking now and stopping on a 'significant' result inflates false "
                    + "positives well beyond 5%. Wait for the planned sample.";
        }
        return new Results(e, stats, reached, warning);
    }

    /** Mean relative lift of experiments stopped within the period whose result was significant. */
    Optional<Double> meanSignificantLift(Mode mode, Period period) {
        List<String> ids = jdbc.sql("""
                select id from insights_experiments where mode = :m and status = 'stopped' and stopped_at >= :from and stopped_at < :to""")
                .param("m", mode.wire()).param("from", Sql.at(period.startInstant())).param("to", Sql.at(period.endExclusive()))
                .query(String.class).list();
        double sum = 0;
        int n = 0;
        for (String id : ids) {
            ExperimentStats.Result r = results(mode, id).stats();
            if (r != null && r.significant() && Double.isFinite(r.relativeLift())) {
                sum += r.relativeLift();
                n++;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(sum / n);
    }

    private static Experiment map(ResultSet rs, int n) throws SQLException {
        return new Experiment(rs.getString("id"), Mode.fromWire(rs.getString("mode")), rs.getString("name"), rs.getString("lever"),
                rs.getString("hypothesis"), rs.getBigDecimal("treatment_share"), rs.getBigDecimal("baseline_rate"), rs.getBigDecimal("minimum_effect"),
                rs.getLong("sample_per_arm"), rs.getString("status"), Sql.instant(rs, "started_at"), Sql.instant(rs, "stopped_at"));
    }
}
