package dev.flywheel.developer;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Presents apps to Spring's authorization server as registered clients. The apps table is the one
 * source of truth; clients are registered through {@link Apps}, never through {@link #save}.
 *
 * <p>Every client must use PKCE (S256) for the authorization code flow and must be consented to;
 * refresh tokens rotate on every use. The client "secret" handed to Spring is the list of hashes
 * of the secrets valid now (two during a rotation), which {@link ClientSecretHashes} checks.
 */
@Component
class AppClients implements RegisteredClientRepository {

    private final AppRepository apps;
    private final Apps service;
    private final DeveloperProperties properties;

    AppClients(AppRepository apps, Apps service, DeveloperProperties properties) {
        this.apps = apps;
        this.service = service;
        this.properties = properties;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new IllegalStateException("Apps are registered through the apps API, not through the authorization server");
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return apps.find(id).filter(App::isActive).map(this::toClient).orElse(null);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return apps.findByClientId(clientId).filter(App::isActive).map(this::toClient).orElse(null);
    }

    RegisteredClient toClient(App app) {
        RegisteredClient.Builder b = RegisteredClient.withId(app.id())
                .clientId(app.clientId())
                .clientIdIssuedAt(app.createdAt())
                .clientName(app.name())
                .redirectUris(uris -> uris.addAll(app.redirectUris()))
                .scopes(s -> s.addAll(app.scopes()))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.accessTokenLifetime())
                        .refreshTokenTimeToLive(properties.refreshTokenLifetime())
                        .authorizationCodeTimeToLive(properties.authorizationCodeLifetime())
                        .reuseRefreshTokens(false)
                        .build());
        boolean redirects = !app.redirectUris().isEmpty();
        if (redirects) {
            // Without a redirect URI an app cannot take part in the authorization code flow at all.
            b.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
        }
        if (app.clientType() == ClientType.CONFIDENTIAL) {
            List<String> hashes = service.validSecretHashes(app.id());
            b.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSecret(ClientSecretHashes.encode(hashes));
            if (redirects) {
                b.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
            }
        } else {
            b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return b.build();
    }
}
