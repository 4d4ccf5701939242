package dev.flywheel.developer;

import dev.flywheel.identity.BenchApp;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * In-process cost of verifying a Flywheel access token on the API: {@code verifyToken} is what
 * every request pays (the token's signature was checked when this node first saw it; claims and
 * app come from memory), {@code firstSight} what the first request with a new token pays (the
 * RS256 signature and claim checks, with the same key source).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBench {

    private ConfigurableApplicationContext context;
    private AccessTokenVerifier verifier;
    private String token;
    private org.springframework.security.oauth2.jwt.NimbusJwtDecoder decoder;

    @Setup(Level.Trial)
    public void start() {
        context = BenchApp.start();
        verifier = context.getBean(AccessTokenVerifier.class);
        SigningKeys keys = context.getBean(SigningKeys.class);
        com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(com.nimbusds.jose.JWSAlgorithm.RS256,
                (selector, ctx) -> selector.select(keys.published())));
        processor.setJWTClaimsSetVerifier((claims, ctx) -> {
        });
        decoder = new org.springframework.security.oauth2.jwt.NimbusJwtDecoder(processor);
        decoder.setJwtValidator(org.springframework.security.oauth2.jwt.JwtValidators.createDefault());
        Organizations organizations = context.getBean(Organizations.class);
        Caller owner = new Caller("bench", organizations.owner().id(), dev.flywheel.identity.OrganizationKind.OWNER, null, Mode.LIVE, "bench");
        App app = context.getBean(Apps.class).register(owner, new Apps.NewApp("Bench", ClientType.CONFIDENTIAL, List.of(), List.of("events:read"),
                null, null, null, null, null)).app();
        token = context.getBean(JwtEncoder.class).encode(JwtEncoderParameters.from(JwtClaimsSet.builder().subject(app.clientId())
                .claim("scope", List.of("events:read")).claim("app_id", app.id()).claim("mode", "live")
                .claim("organization_id", app.organizationId()).expiresAt(java.time.Instant.now().plusSeconds(3600)).build())).getTokenValue();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    @Benchmark
    public Object verifyToken() {
        return verifier.verify(token).orElseThrow();
    }

    @Benchmark
    public Object firstSight() {
        return decoder.decode(token);
    }
}
