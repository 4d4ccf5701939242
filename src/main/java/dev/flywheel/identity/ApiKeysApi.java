package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "The owner's own keys for the product's server-to-server calls")
class ApiKeysApi {

    record CreateKey(@NotBlank @Size(max = 200) String name, Mode mode,
            @io.swagger.v3.oas.annotations.media.Schema(description = "Limit the key to these scopes; leave out for an unrestricted key") List<String> scopes,
            @io.swagger.v3.oas.annotations.media.Schema(description = "When the key stops working; leave out for no expiry") java.time.Instant expiresAt) {
    }

    private final ApiKeys keys;

    ApiKeysApi(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(summary = "Create an owner API key", description = "The secret `key` is in this response only; store it safely.")
    ResponseEntity<PartnersApi.IssuedKeyView> create(@Valid @RequestBody CreateKey body, Caller caller) {
        caller.requireOwnerAdmin();
        Mode mode = body.mode() == null ? caller.mode() : body.mode();
        if (caller.mode() == Mode.TEST && mode == Mode.LIVE) {
            throw ApiException.forbidden("A test-mode key cannot create live-mode keys. Use a live owner key.");
        }
        ApiKeys.Issued issued = keys.issue(caller.organizationId(), mode, body.name(), caller.actorId(), body.scopes(), body.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(PartnersApi.issuedView(issued));
    }

    @PostMapping("/{id}/rotate")
    @Operation(summary = "Rotate one of the caller organization's API keys",
            description = "Issues a new key with the same name, mode, scopes and expiry (in this response only); the old key keeps "
                    + "working until `previous_valid_until` (now if left out, at most 30 days ahead).")
    ResponseEntity<PartnersApi.IssuedKeyView> rotate(@PathVariable String id,
            @org.springframework.web.bind.annotation.RequestBody(required = false) PartnersApi.RotateKey body, Caller caller) {
        caller.requireOwnerAdmin();
        ApiKey key = keys.find(id).filter(k -> k.organizationId().equals(caller.organizationId()) && k.mode() == caller.mode())
                .orElseThrow(() -> ApiException.notFound("API key", id));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(PartnersApi.issuedView(keys.rotate(key.id(), body == null ? null : body.previousValidUntil(), caller.actorId())));
    }

    @GetMapping
    @Operation(summary = "List the caller organization's API keys")
    List<PartnersApi.KeyView> list(Caller caller) {
        return keys.ofOrganization(caller.organizationId()).stream().map(PartnersApi::keyView).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke one of the caller organization's API keys", description = "Takes effect at once.")
    PartnersApi.KeyView revoke(@PathVariable String id, Caller caller) {
        caller.requireOwnerAdmin();
        ApiKey key = keys.find(id).filter(k -> k.organizationId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("API key", id));
        return PartnersApi.keyView(keys.revoke(key.id()));
    }
}
