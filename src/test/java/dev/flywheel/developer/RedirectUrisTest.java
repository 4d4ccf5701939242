package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUrisTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example/callback", "https://app.example:8443/cb?x=1", "http://localhost:3000/cb",
        "http://127.0.0.1/cb", "http://[::1]:8080/cb"})
    void acceptsHttpsAndLoopbackHttp(String uri) {
        assertThat(RedirectUris.problem(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example/cb", "https://*.app.example/cb", "https://app.example/cb#frag", "/relative/cb",
        "javascript:alert(1)", "ftp://app.example/cb", "https://user:pw@app.example/cb", "http://localhost.evil.example/cb", " ",
        "https://app example/cb", "data:text/html,hi"})
    void refusesEverythingElse(String uri) {
        assertThat(RedirectUris.problem(uri)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example", "javascript:x", "not a url"})
    void webUrlsMustBeHttps(String url) {
        assertThat(RedirectUris.webUrlProblem(url)).isPresent();
    }
}
