package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-versions")
@Tag(name = "API versions", description = "The major versions of this API, their deprecation and sunset, and who still calls them")
class ApiVersionsApi {

    record VersionView(String version, String object, String status, LocalDate releasedOn, Instant deprecatedAt, LocalDate sunsetOn,
            String migrationGuide) {
    }

    record Deprecate(@Schema(description = "Retirement date, at least 6 months from today", example = "2027-06-30") LocalDate sunsetOn) {
    }

    record DeprecatedView(VersionView version, List<String> notifiedOrganizations, int emailsSent) {
    }

    record UsageView(String object, LocalDate day, String version, String clientId, String clientKind, String organizationId, long calls) {
    }

    private final ApiVersions versions;

    ApiVersionsApi(ApiVersions versions) {
        this.versions = versions;
    }

    @GetMapping
    @Operation(summary = "List API versions", description = "Every version with its status: live, deprecated (with its sunset date) or retired.")
    CursorPage<VersionView> list(Caller caller) {
        return new CursorPage<>(versions.all().stream().map(this::view).toList(), false, null);
    }

    @PostMapping("/{version}/deprecation")
    @Operation(summary = "Deprecate an API version",
            description = "Owner admins. From now on every response of the version carries `Deprecation`, `Sunset` and a `Link` to its "
                    + "migration guide; the admins of organizations that called it in the last 30 days or pinned an app to it are emailed, "
                    + "and `api.version.deprecated` is emitted. Refused (422) when the sunset date is less than 6 months away or no newer "
                    + "version remains undeprecated.")
    DeprecatedView deprecate(@PathVariable String version, @RequestBody Deprecate body, Caller caller) {
        ApiVersions.Deprecated d = versions.deprecate(caller, version, body.sunsetOn());
        return new DeprecatedView(view(d.version()), d.notifiedOrganizations(), d.emails());
    }

    @GetMapping("/{version}/usage")
    @Operation(summary = "Who calls a version",
            description = "Owner only. Calls per client (app or API key) per day, newest day first, for the last `days` days (default 30); "
                    + "at most 1,000 rows. Counts reach the report within about 10 seconds.")
    CursorPage<UsageView> usage(@PathVariable String version, @RequestParam(required = false) Integer days, Caller caller) {
        caller.requireOwner();
        versions.find(version).orElseThrow(() -> ApiException.notFound("API version", version));
        int window = days == null ? 30 : Math.max(1, Math.min(days, 400));
        return new CursorPage<>(versions.usage(version, window).stream().map(u -> new UsageView("api_usage", u.day(), u.version(),
                u.clientId(), u.clientId().startsWith("app_") ? "app" : "api_key", u.organizationId(), u.calls())).toList(), false, null);
    }

    private VersionView view(ApiVersion v) {
        String status = versions.retired(v.version()) ? "retired" : v.deprecated() ? "deprecated" : "live";
        return new VersionView(v.version(), "api_version", status, v.releasedOn(), v.deprecatedAt(), v.sunsetOn(),
                versions.migrationGuide(v.version()));
    }
}
