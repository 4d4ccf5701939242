package dev.flywheel.identity;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Domain names as people type them ({@code https://www.Acme.com/}) reduced to one comparable
 * form ({@code acme.com}): scheme, path, port, a leading {@code www.} and a trailing dot removed,
 * lower case, internationalised names in their ASCII form.
 */
public final class Domains {

    private static final Pattern VALID = Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    private Domains() {
    }

    /** The normalised domain, or null for a null/blank input. */
    public static String normalize(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        String d = input.trim().toLowerCase(Locale.ROOT);
        int scheme = d.indexOf("://");
        if (scheme >= 0) {
            d = d.substring(scheme + 3);
        }
        int at = d.lastIndexOf('@');
        if (at >= 0) {
            d = d.substring(at + 1);
        }
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int i = d.indexOf(stop);
            if (i >= 0) {
                d = d.substring(0, i);
            }
        }
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return d;
        }
        return d;
    }

    public static boolean isValid(String normalized) {
        return normalized != null && VALID.matcher(normalized).matches();
    }
}
