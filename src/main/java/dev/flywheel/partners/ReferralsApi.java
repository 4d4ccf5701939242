package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Referrals", description = "Partner referral links, coupon codes and lead capture")
class ReferralsApi {

    /** The cookie carrying the visitor's random id, set on this server's domain when a referral link is followed. */
    static final String VISITOR_COOKIE = "fw_ref";

    record LinkBody(@NotBlank @Size(max = 2000) String targetUrl) {
    }

    record LinkView(String id, String object, String partnerId, String code, String url, String targetUrl, Instant createdAt) {
    }

    record CouponBody(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{3,40}", message = "must be 3 to 40 letters, digits, _ or -") String code) {
    }

    record LeadBody(@NotBlank @Email @Size(max = 320) String email, @Size(max = 200) String company, @Size(max = 253) String domain,
            @Size(max = 40) String visitorId, @Size(max = 40) String coupon) {
    }

    private final Referrals referrals;
    private final Organizations organizations;
    private final PublicUrls urls;

    ReferralsApi(Referrals referrals, Organizations organizations, PublicUrls urls) {
        this.referrals = referrals;
        this.organizations = organizations;
        this.urls = urls;
    }

    @PostMapping("/api/v1/partners/{id}/referral-links")
    @Operation(summary = "Create a referral link", description = "The partner itself or owner keys. `target_url` must be a page of the "
            + "owner's site. Visitors following `url` are recorded and carry a first-party cookie for the attribution window.")
    ResponseEntity<LinkView> link(@PathVariable String id, @Valid @RequestBody LinkBody body, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(referrals.createLink(partner.id(), body.targetUrl())));
    }

    @GetMapping("/api/v1/partners/{id}/referral-links")
    @Operation(summary = "A partner's referral links")
    List<LinkView> links(@PathVariable String id, Caller caller) {
        return referrals.links(visiblePartner(id, caller).id()).stream().map(this::view).toList();
    }

    @PostMapping("/api/v1/partners/{id}/coupons")
    @Operation(summary = "Give a partner a coupon code", description = "Owner keys. A lead that brings the code is attributed to the partner.")
    ResponseEntity<Map<String, Object>> coupon(@PathVariable String id, @Valid @RequestBody CouponBody body, Caller caller) {
        caller.requireOwner();
        Organization partner = visiblePartner(id, caller);
        referrals.createCoupon(partner.id(), body.code());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("object", "coupon", "code", body.code().toUpperCase(java.util.Locale.ROOT),
                "partner_id", partner.id()));
    }

    @PostMapping("/api/v1/referral-leads")
    @Operation(summary = "Capture a lead", description = "Owner keys (the product's signup). Send the `fw_ref` cookie's value as "
            + "`visitor_id` and/or a `coupon`. A coupon wins; otherwise the visitor's first or last referral click inside the cookie window "
            + "(configurable). Self-referrals and clicks from a burst are flagged.")
    ResponseEntity<Referrals.Lead> lead(@Valid @RequestBody LeadBody body, Caller caller) {
        caller.requireOwner();
        String domain = body.domain() == null ? null : ApplicationsApi.validDomain(body.domain());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(referrals.captureLead(caller.mode(), body.email(), body.company(), domain, body.visitorId(), body.coupon()));
    }

    private LinkView view(Referrals.Link l) {
        return new LinkView(l.id(), "referral_link", l.partnerId(), l.code(), urls.of("/r/" + l.code()), l.targetUrl(), l.createdAt());
    }

    private Organization visiblePartner(String id, Caller caller) {
        return organizations.find(id).filter(o -> o.kind() == OrganizationKind.PARTNER).filter(o -> caller.canSee(o.id()))
                .orElseThrow(() -> ApiException.notFound("partner", id));
    }

    /** Following a referral link: records the click, sets the first-party cookie, redirects to the target. */
    @Controller
    static class Redirect {

        private final Referrals referrals;
        private final PartnersProperties properties;

        Redirect(Referrals referrals, PartnersProperties properties) {
            this.referrals = referrals;
            this.properties = properties;
        }

        @GetMapping("/r/{code}")
        @ResponseBody
        void follow(@PathVariable String code, HttpServletRequest request, HttpServletResponse response) throws IOException {
            var link = code.length() > 40 ? java.util.Optional.<Referrals.Link>empty() : referrals.byCode(code);
            if (link.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            String visitor = null;
            if (request.getCookies() != null) {
                for (Cookie c : request.getCookies()) {
                    if (VISITOR_COOKIE.equals(c.getName()) && c.getValue().matches("[0-9a-f-]{36}")) {
                        visitor = c.getValue();
                    }
                }
            }
            if (visitor == null) {
                visitor = UUID.randomUUID().toString();
            }
            referrals.recordClick(link.get(), visitor, request.getRemoteAddr());
            Cookie cookie = new Cookie(VISITOR_COOKIE, visitor);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setMaxAge(properties.referralCookieDays() * 24 * 60 * 60);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
            response.sendRedirect(link.get().targetUrl());
        }
    }
}
