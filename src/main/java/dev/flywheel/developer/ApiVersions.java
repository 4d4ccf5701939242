package dev.flywheel.developer;

import dev.flywheel.events.Events;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.mail.Mailer;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The major versions of the public API and their lifecycle. Every node keeps the versions in
 * memory and reloads them every {@value #RELOAD_SECONDS} s (the node that changes one at once),
 * because every API request consults them.
 */
@Service
public class ApiVersions {

    /** Calls of one client to one version on one day. */
    public record Usage(LocalDate day, String version, String clientId, String organizationId, long calls) {
    }

    /** The outcome of a deprecation: the version and whom it notified. */
    public record Deprecated(ApiVersion version, List<String> notifiedOrganizations, int emails) {
    }

    static final long RELOAD_SECONDS = 30;
    static final String DEFAULT_VERSION = "v1";

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final Mailer mailer;
    private final Events events;
    private final AuditLog audit;
    private final PublicUrls urls;
    private final Clock clock;
    private volatile Loaded loaded;

    private record Loaded(Map<String, ApiVersion> versions, Instant at) {
    }

    ApiVersions(JdbcClient jdbc, Organizations organizations, Mailer mailer, Events events, AuditLog audit, PublicUrls urls, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.mailer = mailer;
        this.events = events;
        this.audit = audit;
        this.urls = urls;
        this.clock = clock;
    }

    public List<ApiVersion> all() {
        return List.copyOf(current().values());
    }

    public Optional<ApiVersion> find(String version) {
        return Optional.ofNullable(current().get(version));
    }

    /** The versions an app may pin: every version that still answers. */
    public Set<String> live() {
        Instant now = clock.instant();
        List<ApiVersion> all = all();
        Set<String> out = new LinkedHashSet<>();
        all.stream().filter(v -> !VersionPolicy.retired(v.version(), now, all)).forEach(v -> out.add(v.version()));
        return out;
    }

    boolean retired(String version) {
        return VersionPolicy.retired(version, clock.instant(), all());
    }

    String migrationGuide(String version) {
        return urls.of("/developers/migrations/" + version);
    }

    /**
     * Announces the deprecation of a version with its sunset date (policy in {@link VersionPolicy}),
     * emails the admins of every organization whose apps or keys called it in the last 30 days or
     * whose apps are pinned to it, and emits {@code api.version.deprecated}.
     */
    @Transactional
    public Deprecated deprecate(Caller caller, String version, LocalDate sunsetOn) {
        caller.requireOwnerAdmin();
        Instant now = clock.instant();
        VersionPolicy.deprecationProblem(version, sunsetOn, now, reload().values().stream().toList()).ifPresent(problem -> {
            throw ApiException.unprocessable(problem);
        });
        jdbc.sql("update developer_api_versions set deprecated_at = :at, sunset_on = :sunset, deprecated_by = :by where version = :v and deprecated_at is null")
                .param("at", Sql.at(now)).param("sunset", sunsetOn).param("by", caller.label()).param("v", version).update();
        ApiVersion deprecated = reload().get(version);
        audit.record(caller.organizationId(), "api_version.deprecated", version, "sunset " + sunsetOn);
        Set<String> orgs = new LinkedHashSet<>(jdbc.sql("""
                select distinct organization_id from developer_api_usage where version = :v and usage_day >= :since""")
                .param("v", version).param("since", now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(30)).query(String.class).list());
        orgs.addAll(jdbc.sql("select distinct organization_id from developer_apps where api_version = :v and disabled_at is null")
                .param("v", version).query(String.class).list());
        int emails = 0;
        String text = "API version " + version + " of " + urls.of("") + " is deprecated. It will be retired on " + sunsetOn
                + ".\n\nYour organization's apps or API keys called " + version + " recently or are pinned to it. Follow the migration guide:\n"
                + migrationGuide(version) + "\n\nUntil then every response of " + version + " carries the Deprecation and Sunset headers.";
        for (String org : orgs) {
            for (String to : organizations.adminEmails(org)) {
                mailer.send(to, "API " + version + " is deprecated: retire by " + sunsetOn, text);
                emails++;
            }
        }
        events.emit("api.version.deprecated", null, Map.of("version", version, "sunset_on", sunsetOn.toString()), Mode.LIVE);
        return new Deprecated(deprecated, List.copyOf(orgs), emails);
    }

    /** Calls per client per day to a version, newest day first, for the last {@code days} days. */
    public List<Usage> usage(String version, int days) {
        LocalDate since = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(Math.max(0, days - 1));
        return jdbc.sql("""
                select * from developer_api_usage where version = :v and usage_day >= :since
                order by usage_day desc, calls desc, client_id limit 1000""")
                .param("v", version).param("since", since)
                .query((rs, n) -> new Usage(rs.getObject("usage_day", LocalDate.class), rs.getString("version"), rs.getString("client_id"),
                        rs.getString("organization_id"), rs.getLong("calls")))
                .list();
    }

    private Map<String, ApiVersion> current() {
        Loaded l = loaded;
        if (l == null || l.at().plus(Duration.ofSeconds(RELOAD_SECONDS)).isBefore(clock.instant())) {
            return reload();
        }
        return l.versions();
    }

    private Map<String, ApiVersion> reload() {
        Map<String, ApiVersion> out = new LinkedHashMap<>();
        jdbc.sql("select * from developer_api_versions order by released_on").query((rs, n) -> new ApiVersion(rs.getString("version"),
                rs.getObject("released_on", LocalDate.class), Sql.instant(rs, "deprecated_at"), rs.getObject("sunset_on", LocalDate.class)))
                .list().forEach(v -> out.put(v.version(), v));
        loaded = new Loaded(out, clock.instant());
        return out;
    }
}
