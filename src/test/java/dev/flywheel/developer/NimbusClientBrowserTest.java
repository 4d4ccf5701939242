package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.flywheel.support.Api;
import dev.flywheel.support.BrowserTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The proof with a client we did not write: the Nimbus OAuth 2.0 SDK discovers the server,
 * sends a person (headless Chromium) through sign-in and consent with PKCE, exchanges the code,
 * refreshes and revokes.
 */
class NimbusClientBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void theNimbusSdkCompletesAuthorizationCodeWithPkceRefreshesAndRevokes() throws Exception {
        Api owner = api().as(OWNER_KEY);
        String partnerKey = OAuthTestSupport.partnerKey(owner, unique("Nimbus"));
        Api.Response app = api().as(partnerKey).post("/api/v1/apps", """
                {"name":"Nimbus Demo","client_type":"confidential","redirect_uris":["http://127.0.0.1/developers/oauth-callback"],
                 "scopes":["deals:read","contacts:read"]}""");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        ClientSecretBasic client = new ClientSecretBasic(new ClientID(app.text("client_id")), new Secret(app.text("client_secret")));
        CustomerFixture customer = CustomerFixture.create(owner, jdbc, passwords, "CUSTOMER_ADMIN");

        AuthorizationServerMetadata server = AuthorizationServerMetadata.resolve(new Issuer(baseUrl()));
        URI callback = URI.create("http://127.0.0.1:" + port + "/developers/oauth-callback");
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        AuthorizationRequest authorize = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), client.getClientID())
                .scope(new Scope("deals:read")).state(state).redirectionURI(callback)
                .codeChallenge(verifier, CodeChallengeMethod.S256).endpointURI(server.getAuthorizationEndpointURI()).build();

        browser().get(authorize.toURI().toString());
        type("input[name=username]", customer.email());
        type("input[name=password]", customer.password());
        find("form button[type=submit]").click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/oauth2/consent"));
        assertThat(text("h1")).contains("Nimbus Demo").contains("wants to access");
        assertThat(text("main")).contains("See the deals registered on your account.");
        find("#allow").click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/developers/oauth-callback"));

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(browser().getCurrentUrl()));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        TokenResponse tokens = TokenResponse.parse(new TokenRequest(server.getTokenEndpointURI(), client,
                new AuthorizationCodeGrant(code, callback, verifier)).toHTTPRequest().send());
        assertThat(tokens.indicatesSuccess()).as(() -> tokens.toErrorResponse().getErrorObject().toString()).isTrue();
        Tokens first = tokens.toSuccessResponse().getTokens();
        assertThat(first.getAccessToken().getScope()).isEqualTo(new Scope("deals:read"));

        TokenResponse refreshed = TokenResponse.parse(new TokenRequest(server.getTokenEndpointURI(), client,
                new RefreshTokenGrant(first.getRefreshToken())).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).isTrue();
        Tokens second = refreshed.toSuccessResponse().getTokens();
        assertThat(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());

        assertThat(new TokenRevocationRequest(server.getRevocationEndpointURI(), client, second.getRefreshToken())
                .toHTTPRequest().send().getStatusCode()).isEqualTo(200);
        TokenIntrospectionResponse introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                server.getIntrospectionEndpointURI(), client, second.getRefreshToken()).toHTTPRequest().send());
        assertThat(introspection.toSuccessResponse().isActive()).isFalse();
    }
}
