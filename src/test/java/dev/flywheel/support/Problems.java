package dev.flywheel.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on problem documents. */
public final class Problems {

    private Problems() {
    }

    public static void assertProblem(Api.Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("type")).isEqualTo(type);
        assertThat(r.text("detail")).isNotBlank();
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
    }
}
