package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Domains;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.PublicPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Partner applications", description = "Public applications to the partner program and their review")
class ApplicationsApi {

    record ApplyBody(@NotBlank @Size(max = 200) String company, @Size(max = 253) String domain, @NotNull PartnerType type,
            @NotBlank @Size(max = 200) String contactName, @NotBlank @Email @Size(max = 320) String contactEmail, @Size(max = 2000) String message) {
    }

    record DecisionBody(@Size(max = 1000) String reason) {
    }

    record ApplicationView(String id, String object, String company, String domain, String type, String contactName, String contactEmail,
            String message, String status, Instant decidedAt, String decidedBy, String decisionReason, String partnerId, Instant createdAt) {
        static ApplicationView of(Applications.Application a) {
            return new ApplicationView(a.id(), "partner_application", a.company(), a.domain(), a.type().name().toLowerCase(Locale.ROOT),
                    a.contactName(), a.contactEmail(), a.message(), a.status().name().toLowerCase(Locale.ROOT), a.decidedAt(), a.decidedBy(),
                    a.decisionReason(), a.partnerId(), a.createdAt());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Public {
        @Bean
        PublicPaths partnerProgramPublicPaths() {
            return new PublicPaths(List.of("/partners/apply", "/r/*"), List.of("/api/v1/partner-applications"));
        }
    }

    private final Applications applications;

    ApplicationsApi(Applications applications) {
        this.applications = applications;
    }

    @PostMapping("/api/v1/partner-applications")
    @Operation(summary = "Apply to the partner program", description = "Public, no key needed. The owner reviews the application; "
            + "approval creates the partner and emails its admin an invitation.")
    ResponseEntity<ApplicationView> apply(@Valid @RequestBody ApplyBody body) {
        String domain = validDomain(body.domain());
        return ResponseEntity.status(HttpStatus.CREATED).body(ApplicationView.of(applications.apply(body.company(), domain, body.type(),
                body.contactName(), body.contactEmail(), body.message())));
    }

    static String validDomain(String raw) {
        String domain = Domains.normalize(raw);
        if (domain != null && !Domains.isValid(domain)) {
            throw ApiException.invalid("domain", "must be a domain name such as agency.com");
        }
        return domain;
    }

    @GetMapping("/api/v1/partner-applications")
    @Operation(summary = "List applications", description = "Owner keys; newest first, cursor-paged; `status`: submitted, approved, rejected.")
    CursorPage<ApplicationView> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, @RequestParam(required = false) String status,
            Caller caller) {
        caller.requireOwner();
        Applications.Status s = null;
        if (status != null) {
            try {
                s = Applications.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "must be submitted, approved or rejected");
            }
        }
        return applications.page(s, PageQuery.of(limit, startingAfter)).map(ApplicationView::of);
    }

    @PostMapping("/api/v1/partner-applications/{id}/approve")
    @Operation(summary = "Approve an application", description = "Owner keys. Creates the partner, invites the applicant as its admin and, "
            + "while the founding offer is open, makes it a founding partner.")
    ApplicationView approve(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return ApplicationView.of(applications.approve(id, caller.label(), body == null ? null : body.reason()));
    }

    @PostMapping("/api/v1/partner-applications/{id}/reject")
    @Operation(summary = "Reject an application", description = "Owner keys; the reason is emailed to the applicant.")
    ApplicationView reject(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return ApplicationView.of(applications.reject(id, caller.label(), body == null ? null : body.reason()));
    }
}
