package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partners", description = "Partner organizations and their API keys")
class PartnersApi {

    record CreatePartner(
            @NotBlank @Size(max = 200) String name,
            @NotNull PartnerType type,
            @Size(max = 253) String domain,
            @NotBlank @Email @Size(max = 320) String adminEmail) {
    }

    record PartnerView(String id, String object, String name, String type, String domain, List<UserView> users, Instant createdAt) {
    }

    record UserView(String id, String email, String role, String status) {
    }

    record CreateKey(@Size(max = 200) String name, Mode mode,
            @io.swagger.v3.oas.annotations.media.Schema(description = "Limit the key to these scopes (GET /api/v1/scopes); leave out for an unrestricted key", example = "[\"events:write\"]") List<String> scopes,
            @io.swagger.v3.oas.annotations.media.Schema(description = "When the key stops working; leave out for no expiry") Instant expiresAt) {
    }

    record RotateKey(
            @io.swagger.v3.oas.annotations.media.Schema(description = "Until when the old key keeps working (at most 30 days ahead); leave out to stop it now") Instant previousValidUntil) {
    }

    record KeyView(String id, String object, String name, String mode, String displayPrefix, List<String> scopes, Instant createdAt,
            Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    }

    record IssuedKeyView(String id, String object, String name, String mode, String displayPrefix, String key, List<String> scopes,
            Instant createdAt, Instant expiresAt) {
    }

    static IssuedKeyView issuedView(ApiKeys.Issued issued) {
        ApiKey k = issued.key();
        return new IssuedKeyView(k.id(), "api_key", k.name(), k.mode().wire(), k.displayPrefix(), issued.secret(), k.scopes(), k.createdAt(),
                k.expiresAt());
    }

    private final Organizations organizations;
    private final UserRepository users;
    private final ApiKeys keys;

    PartnersApi(Organizations organizations, UserRepository users, ApiKeys keys) {
        this.organizations = organizations;
        this.users = users;
        this.keys = keys;
    }

    @PostMapping
    @Operation(summary = "Create a partner", description = "Creates a partner organization and emails an invitation to its admin. Owner keys only.")
    ResponseEntity<PartnerView> create(@Valid @RequestBody CreatePartner body, Caller caller) {
        caller.requireOwner();
        String domain = Domains.normalize(body.domain());
        if (domain != null && !Domains.isValid(domain)) {
            throw ApiException.invalid("domain", "must be a domain name such as acme.com");
        }
        Organization partner = organizations.createPartner(body.name(), body.type(), domain, body.adminEmail());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(partner));
    }

    @GetMapping
    @Operation(summary = "List partners", description = "Newest first, cursor-paged. Owner keys see all partners; a partner key sees only its own organization.")
    CursorPage<PartnerView> list(@RequestParam(required = false) Integer limit, @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(required = false) String q, Caller caller) {
        PageQuery query = PageQuery.of(limit, startingAfter);
        if (!caller.isOwner()) {
            Organization own = organizations.requireVisible(caller.organizationId(), caller, OrganizationKind.PARTNER);
            return new CursorPage<>(List.of(view(own)), false, null);
        }
        return organizations.partners(q, query).map(this::view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a partner")
    PartnerView get(@PathVariable String id, Caller caller) {
        return view(organizations.requireVisible(id, caller, OrganizationKind.PARTNER));
    }

    @PostMapping("/{id}/api-keys")
    @Operation(summary = "Issue an API key for a partner",
            description = "The key acts as that partner, only within that partner's data. The secret `key` is in this response only. "
                    + "Mode defaults to the calling key's mode; a test-mode key can only issue test-mode keys.")
    ResponseEntity<IssuedKeyView> issueKey(@PathVariable String id, @Valid @RequestBody(required = false) CreateKey body, Caller caller) {
        caller.requireOwnerAdmin();
        Organization partner = organizations.requireVisible(id, caller, OrganizationKind.PARTNER);
        Mode mode = body == null || body.mode() == null ? caller.mode() : body.mode();
        if (caller.mode() == Mode.TEST && mode == Mode.LIVE) {
            throw ApiException.forbidden("A test-mode key cannot create live-mode keys. Use a live owner key.");
        }
        String name = body == null || body.name() == null ? partner.name() + " key" : body.name();
        ApiKeys.Issued issued = keys.issue(partner.id(), mode, name, caller.actorId(), body == null ? null : body.scopes(),
                body == null ? null : body.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(issuedView(issued));
    }

    @PostMapping("/{id}/api-keys/{keyId}/rotate")
    @Operation(summary = "Rotate a partner's API key",
            description = "Issues a new key with the same name, mode, scopes and expiry (the secret `key` is in this response only). "
                    + "The old key keeps working until `previous_valid_until`, so the partner can switch deployments without downtime.")
    ResponseEntity<IssuedKeyView> rotateKey(@PathVariable String id, @PathVariable String keyId,
            @RequestBody(required = false) RotateKey body, Caller caller) {
        Organization partner = organizations.requireVisible(id, caller, OrganizationKind.PARTNER);
        ApiKey key = keys.find(keyId).filter(k -> k.organizationId().equals(partner.id()))
                .orElseThrow(() -> ApiException.notFound("API key", keyId));
        if (caller.mode() == Mode.TEST && key.mode() == Mode.LIVE) {
            throw ApiException.forbidden("A test-mode key cannot rotate live-mode keys. Use a live key.");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(issuedView(keys.rotate(key.id(), body == null ? null : body.previousValidUntil(), caller.actorId())));
    }

    @GetMapping("/{id}/api-keys")
    @Operation(summary = "List a partner's API keys", description = "Never shows secrets, only each key's display prefix.")
    List<KeyView> listKeys(@PathVariable String id, Caller caller) {
        Organization partner = organizations.requireVisible(id, caller, OrganizationKind.PARTNER);
        return keys.ofOrganization(partner.id()).stream().map(PartnersApi::keyView).toList();
    }

    @DeleteMapping("/{id}/api-keys/{keyId}")
    @Operation(summary = "Revoke a partner's API key", description = "Takes effect at once. Owner keys, or the partner itself.")
    KeyView revokeKey(@PathVariable String id, @PathVariable String keyId, Caller caller) {
        Organization partner = organizations.requireVisible(id, caller, OrganizationKind.PARTNER);
        ApiKey key = keys.find(keyId).filter(k -> k.organizationId().equals(partner.id()))
                .orElseThrow(() -> ApiException.notFound("API key", keyId));
        return keyView(keys.revoke(key.id()));
    }

    static KeyView keyView(ApiKey k) {
        return new KeyView(k.id(), "api_key", k.name(), k.mode().wire(), k.displayPrefix(), k.scopes(), k.createdAt(), k.expiresAt(),
                k.lastUsedAt(), k.revokedAt());
    }

    private PartnerView view(Organization p) {
        List<UserView> members = users.ofOrganization(p.id()).stream()
                .map(u -> new UserView(u.id(), u.email(), u.role().name().toLowerCase(Locale.ROOT), u.status().name().toLowerCase(Locale.ROOT)))
                .toList();
        return new PartnerView(p.id(), "partner", p.name(), p.partnerType().name().toLowerCase(Locale.ROOT), p.domain(), members, p.createdAt());
    }
}
