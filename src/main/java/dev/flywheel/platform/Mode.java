package dev.flywheel.platform;

import java.util.Locale;

/**
 * Every partner-facing row lives in one mode. Test-mode credentials only ever see test rows and
 * live-mode credentials only live rows, so a sandbox can be used freely next to production.
 */
public enum Mode {
    LIVE, TEST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromWire(String value) {
        return Mode.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
