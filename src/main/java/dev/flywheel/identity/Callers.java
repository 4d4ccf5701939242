package dev.flywheel.identity;

import java.util.Optional;

/**
 * Who is calling, for pages and endpoints that anonymous visitors may also open (a public gallery):
 * empty when nobody is signed in and no API key was sent. Where a caller is required, declare a
 * {@link Caller} parameter instead.
 */
public final class Callers {

    private Callers() {
    }

    public static Optional<Caller> current() {
        return CallerArgumentResolver.current();
    }
}
