package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeRulesTest {

    @Test
    void readingNeedsTheReadScopeAndEverythingElseTheWriteScope() {
        assertThat(ScopeRules.required("GET", "/api/v1/accounts/cus-1").scope()).isEqualTo("accounts:read");
        assertThat(ScopeRules.required("HEAD", "/api/v1/accounts").scope()).isEqualTo("accounts:read");
        assertThat(ScopeRules.required("PUT", "/api/v1/accounts/cus-1").scope()).isEqualTo("accounts:write");
        assertThat(ScopeRules.required("POST", "/api/v1/events").scope()).isEqualTo("events:write");
        assertThat(ScopeRules.required("DELETE", "/api/v1/webhook-endpoints/whk_1").scope()).isEqualTo("webhooks:write");
        assertThat(ScopeRules.required("GET", "/api/v1/rest-hooks").scope()).isEqualTo("webhooks:read");
        assertThat(ScopeRules.required("GET", "/api/v1/event-types").scope()).isEqualTo("events:read");
    }

    @Test
    void theScopeCatalogIsOpenToEveryCredentialForReading() {
        assertThat(ScopeRules.required("GET", "/api/v1/scopes").open()).isTrue();
        assertThat(ScopeRules.required("POST", "/api/v1/scopes").open()).isFalse();
        assertThat(ScopeRules.required("POST", "/api/v1/scopes").scope()).isNull();
    }

    @Test
    void endpointsOutsideTheCatalogNeedAnUnrestrictedKey() {
        for (String path : new String[] {"/api/v1/partners", "/api/v1/apps", "/api/v1/api-keys", "/api/v1/", "/api/v1", "/elsewhere"}) {
            ScopeRules.Requirement r = ScopeRules.required("GET", path);
            assertThat(r.open()).as(path).isFalse();
            assertThat(r.scope()).as(path).isNull();
        }
    }

    @Test
    void catalogResourcesAreFoundForWithheldFields() {
        assertThat(ScopeRules.catalogResourceOf("/api/v1/accounts/x")).hasValue("accounts");
        assertThat(ScopeRules.catalogResourceOf("/api/v1/webhook-endpoints")).hasValue("webhooks");
        assertThat(ScopeRules.catalogResourceOf("/api/v1/partners")).isEmpty();
    }
}
