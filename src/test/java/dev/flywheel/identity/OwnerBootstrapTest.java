package dev.flywheel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
class OwnerBootstrapTest extends IntegrationTest {

    @Autowired
    OwnerBootstrap bootstrap;
    @Autowired
    Organizations organizations;
    @Autowired
    ApiKeys keys;
    @Autowired
    AuditLog audit;

    @Test
    void aSecondStartReusesTheOwnerAndPrintsNoPassword(CapturedOutput output) throws Exception {
        String owner = organizations.owner().id();
        int before = output.getAll().length();
        bootstrap.run(null);
        assertThat(organizations.owner().id()).isEqualTo(owner);
        assertThat(organizations.count(OrganizationKind.OWNER)).isEqualTo(1);
        assertThat(output.getAll().substring(before)).doesNotContain("password:");
    }

    @Test
    void theBootstrapKeyWorksAndIsStoredOnlyAsAHash() {
        assertThat(api().as(OWNER_KEY).get("/api/v1/api-keys").body())
                .contains("Bootstrap key").doesNotContain(OWNER_KEY);
    }

    @Test
    void aRevokedBootstrapKeyIsNotAdoptedAgain() {
        String owner = organizations.owner().id();
        String secret = "fw_live_AnotherBootstrapKey" + unique("x").substring(2).replace("-", "");
        var adopted = keys.adopt(owner, secret, "second bootstrap").orElseThrow();
        keys.revoke(adopted.key().id());
        assertThat(keys.adopt(owner, secret, "second bootstrap")).isEmpty();
        assertThat(keys.lookup(secret).orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void aMalformedBootstrapKeyStopsTheStartWithAClearMessage() {
        String owner = organizations.owner().id();
        assertThatThrownBy(() -> keys.adopt(owner, "secret123", "bad")).hasMessageContaining("fw_live_");
    }

    @Test
    void securityActionsAreInTheAuditLog() {
        api().as(OWNER_KEY).post("/api/v1/partners",
                "{\"name\":\"Audited\",\"type\":\"referral\",\"admin_email\":\"" + uniqueEmail("audited") + "\"}");
        var actions = audit.page(null, dev.flywheel.platform.paging.PageQuery.first(100)).data().stream().map(AuditEntry::action).toList();
        assertThat(actions).contains("partner.created", "user.invited");
        assertThat(audit.actions()).contains("owner.created", "api_key.created");
    }
}
