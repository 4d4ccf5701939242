package dev.flywheel.developer;

import static dev.flywheel.developer.OAuthTestSupport.basic;
import static dev.flywheel.developer.OAuthTestSupport.fields;
import static dev.flywheel.developer.OAuthTestSupport.postForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The product's side: a tiny resource server that validates Flywheel tokens the documented way,
 * locally against the published JWKS, and sees the grant's restrictions in the claims.
 */
@Tag("database")
class ResourceServerExampleTest extends IntegrationTest {

    @Autowired
    JwtEncoder flywheelSigner;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SigningKeys signingKeys;

    private JwtDecoder resourceServer() {
        return NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/oauth2/jwks").build();
    }

    @Test
    void aResourceServerValidatesAFlywheelTokenWithTheJwks() {
        String[] app = OAuthTestSupport.confidentialApp(api().as(OWNER_KEY), unique("Validated"), "deals:read", "https://v.example/cb");
        Api.Response token = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "client_credentials", "scope", "deals:read"));
        Jwt jwt = resourceServer().decode(token.text("access_token"));
        assertThat(jwt.getClaimAsStringList("scope")).containsExactly("deals:read");
        assertThat(jwt.getClaimAsString("app_id")).isEqualTo(app[2]);
        assertThat(jwt.getClaimAsString("mode")).isEqualTo("live");
        assertThat(jwt.getExpiresAt()).isBefore(Instant.now().plusSeconds(5 * 60 + 5));
        assertThat(jwt.getIssuer().toString()).isEqualTo(baseUrl());
    }

    @Test
    void aTokenSignedByAnyoneElseIsRejected() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(signingKeys.current().getKeyID()).generate();
        JwtEncoder forger = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(foreign)));
        String forged = forger.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(foreign.getKeyID()).build(),
                JwtClaimsSet.builder().subject("x").claim("scope", List.of("deals:write")).expiresAt(Instant.now().plusSeconds(60)).build()))
                .getTokenValue();
        assertThatThrownBy(() -> resourceServer().decode(forged)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void anExpiredTokenIsRejected() {
        String expired = flywheelSigner.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().subject("x")
                .issuedAt(Instant.now().minusSeconds(900)).expiresAt(Instant.now().minusSeconds(600)).build())).getTokenValue();
        assertThatThrownBy(() -> resourceServer().decode(expired)).isInstanceOf(BadJwtException.class).hasMessageContaining("expired");
    }

    @Test
    void signingKeysLiveInTheDatabaseSealedAndARotationKeepsOldTokensValid() {
        String before = flywheelSigner.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().subject("before")
                .expiresAt(Instant.now().plusSeconds(60)).build())).getTokenValue();
        String kid = signingKeys.current().getKeyID();
        String sealed = jdbc.sql("select sealed_private_jwk from developer_signing_keys where kid = :kid").param("kid", kid)
                .query(String.class).single();
        assertThat(sealed).startsWith("v1.").doesNotContain("\"d\"");

        signingKeys.rotate("test rotation");
        String next = signingKeys.current().getKeyID();
        assertThat(next).isNotEqualTo(kid);
        String after = flywheelSigner.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().subject("after")
                .expiresAt(Instant.now().plusSeconds(60)).build())).getTokenValue();

        JwtDecoder decoder = resourceServer();
        assertThat(decoder.decode(before).getSubject()).isEqualTo("before");
        assertThat(decoder.decode(after).getSubject()).isEqualTo("after");
        Api.Response jwks = api().get("/oauth2/jwks");
        assertThat(jwks.body()).contains(kid).contains(next).doesNotContain("\"d\"");
    }
}
