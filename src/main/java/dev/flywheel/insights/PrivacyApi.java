package dev.flywheel.insights;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.platform.Secrets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One person's data in insights: the touchpoints that name them. Erasure removes the email and the
 * free-text detail from those touchpoints but keeps the touches themselves, so attribution and
 * every aggregate stay the same. Both actions are written to the audit log (with a hash of the
 * email, never the email).
 */
@RestController
@RequestMapping("/api/v1/insights/privacy")
@Tag(name = "Insights: privacy", description = "Export and erase one person's data (GDPR/CCPA)")
class PrivacyApi {

    record PersonBody(@NotBlank @Email String email) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    PrivacyApi(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @PostMapping("/export")
    @Operation(summary = "Export one person's data held by insights")
    Map<String, Object> export(@Valid @RequestBody PersonBody body, Caller caller) {
        caller.requireOwnerAdmin();
        String email = body.email().trim().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> touches = jdbc.sql("""
                select fact_id, account_external_id, partner_id, kind, occurred_at, detail from insights_touchpoints where person_email = :email
                order by occurred_at""").param("email", email).query((rs, n) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("id", rs.getString("fact_id"));
                    m.put("account_id", rs.getString("account_external_id"));
                    m.put("partner_id", rs.getString("partner_id"));
                    m.put("kind", rs.getString("kind"));
                    m.put("occurred_at", dev.flywheel.platform.jdbc.Sql.instant(rs, "occurred_at").toString());
                    m.put("detail", rs.getString("detail"));
                    return m;
                }).list();
        audit.record(caller.organizationId(), "privacy.exported", "sha256:" + Secrets.sha256Hex(email).substring(0, 16),
                "insights: " + touches.size() + " touchpoints");
        return Map.of("object", "privacy_export", "module", "insights", "email", email, "touchpoints", touches);
    }

    @PostMapping("/erase")
    @Transactional
    @Operation(summary = "Erase one person's data held by insights", description = "Touches stay (aggregates are unchanged); the email and detail text are removed.")
    Map<String, Object> erase(@Valid @RequestBody PersonBody body, Caller caller) {
        caller.requireOwnerAdmin();
        String email = body.email().trim().toLowerCase(Locale.ROOT);
        int n = jdbc.sql("update insights_touchpoints set person_email = null, detail = null where person_email = :email").param("email", email).update();
        audit.record(caller.organizationId(), "privacy.erased", "sha256:" + Secrets.sha256Hex(email).substring(0, 16), "insights: " + n + " touchpoints");
        return Map.of("object", "privacy_erasure", "module", "insights", "touchpoints", n);
    }
}
