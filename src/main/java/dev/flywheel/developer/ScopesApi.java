package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/scopes")
@Tag(name = "Scopes", description = "The catalog of scopes apps ask customers for")
class ScopesApi {

    record ScopeView(String object, String name, String description, @Schema(description = "read or write") String level,
            String resource, @Schema(description = "Fields a consenting admin may withhold from the app") List<String> fields) {
    }

    record CreateScope(@Schema(example = "invoices:read") String name,
            @Schema(example = "See the invoices of your account.") String description,
            @Schema(example = "[\"amount\"]") List<String> fields) {
    }

    private final ScopeCatalog catalog;

    ScopesApi(ScopeCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "List the scope catalog",
            description = "Every scope an app may declare, with its level (read or write) and the plain-language description "
                    + "customers see when they consent. The catalog is small, so it is returned in one page.")
    CursorPage<ScopeView> list(Caller caller) {
        return new CursorPage<>(catalog.all().stream().map(ScopesApi::view).toList(), false, null);
    }

    @PostMapping
    @Operation(summary = "Add a scope", description = "Owner admins only. A scope is never renamed or removed once tokens may carry it.")
    ResponseEntity<ScopeView> create(@RequestBody CreateScope body, Caller caller) {
        caller.requireOwnerAdmin();
        return ResponseEntity.status(HttpStatus.CREATED).body(view(catalog.add(body.name(), body.description(), body.fields())));
    }

    static ScopeView view(Scope s) {
        return new ScopeView("scope", s.name(), s.description(), s.access(), s.resource(), s.fields());
    }
}
