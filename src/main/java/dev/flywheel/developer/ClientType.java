package dev.flywheel.developer;

import java.util.Locale;

/** How an app authenticates at the token endpoint. */
public enum ClientType {
    /** Runs on a server and keeps a client secret. */
    CONFIDENTIAL,
    /** Runs where a secret cannot be kept (single-page app, mobile, CLI): PKCE only, no refresh tokens. */
    PUBLIC;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
