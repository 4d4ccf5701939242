package dev.flywheel.mapping;

import dev.flywheel.identity.Domains;
import java.util.Locale;
import java.util.Set;

/**
 * The company an account record stands for: its normalised domain, or else the domain of its
 * email address — unless that is a free mail provider, which says nothing about the company.
 */
final class MatchKeys {

    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
            "msn.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
            "mail.com", "yandex.com", "yandex.ru", "zoho.com", "qq.com", "163.com", "fastmail.com", "hey.com");

    private MatchKeys() {
    }

    /** The normalised company domain of a record, or null when it has none usable. */
    static String domainOf(String domain, String email) {
        String d = Domains.normalize(domain);
        if (d != null && Domains.isValid(d)) {
            return d;
        }
        if (email != null && email.indexOf('@') > 0) {
            String e = Domains.normalize(email.substring(email.lastIndexOf('@') + 1));
            if (e != null && Domains.isValid(e) && !FREE_MAIL.contains(e)) {
                return e;
            }
        }
        return null;
    }

    static String email(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
