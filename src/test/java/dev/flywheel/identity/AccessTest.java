package dev.flywheel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void fullAccessAllowsEverything() {
        assertThat(Access.FULL.allows("deals:write")).isTrue();
        assertThat(Access.FULL.isRestricted()).isFalse();
    }

    @Test
    void scopedAccessAllowsItsScopesAndWriteIncludesRead() {
        Access a = Access.scoped(List.of("deals:write", "contacts:read"));
        assertThat(a.allows("deals:write")).isTrue();
        assertThat(a.allows("deals:read")).isTrue();
        assertThat(a.allows("contacts:read")).isTrue();
        assertThat(a.allows("contacts:write")).isFalse();
        assertThat(a.allows("events:read")).isFalse();
        assertThat(Access.scoped(List.of()).allows("events:read")).isFalse();
        assertThat(a.isRestricted()).isTrue();
    }

    @Test
    void withheldFieldsAreGroupedByResource() {
        Access a = new Access(Set.of("contacts:read"), "acc_1", List.of("Sales"), Set.of("contacts.phone", "contacts.email", "deals.amount"));
        assertThat(a.withheldOf("contacts")).containsExactlyInAnyOrder("phone", "email");
        assertThat(a.withheldOf("deals")).containsExactly("amount");
        assertThat(a.withheldOf("accounts")).isEmpty();
    }

    @Test
    void aCallerWithoutTheScopeIsRefused() {
        Caller c = new Caller("app_1", "prt_1", OrganizationKind.PARTNER, null, dev.flywheel.platform.Mode.LIVE, "x",
                Access.scoped(List.of("deals:read")));
        c.requireScope("deals:read");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.requireScope("deals:write"))
                .hasMessageContaining("deals:write");
        new Caller("u", "o", OrganizationKind.OWNER, null, dev.flywheel.platform.Mode.LIVE, "x").requireScope("anything:write");
    }
}
