package dev.flywheel.insights;

import dev.flywheel.platform.web.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One incoming fact (a JSON object of a batch or a CSV line) as text fields, read with its
 * rules. Broken rules are collected as field errors named after their place in the request
 * ({@code data[3].mrr} or {@code line 4: mrr}), so a whole batch is checked before anything is
 * written.
 */
final class FactRow {

    private final String place;
    private final Map<String, String> fields;
    private final List<FieldError> errors;
    private final Set<String> read = new HashSet<>();

    FactRow(String place, Map<String, String> fields, List<FieldError> errors) {
        this.place = place;
        this.fields = fields;
        this.errors = errors;
    }

    private String raw(String name) {
        read.add(name);
        String v = fields.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    void error(String name, String message) {
        errors.add(new FieldError(place + name, message));
    }

    String text(String name, boolean required, int max) {
        String v = raw(name);
        if (v == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        if (v.length() > max) {
            error(name, "must be at most " + max + " characters");
            return null;
        }
        return v;
    }

    String id(String name, boolean required) {
        String v = text(name, required, 200);
        if (v != null && !v.matches("[A-Za-z0-9._:@/-]+")) {
            error(name, "may only contain letters, digits and . _ : @ / -");
            return null;
        }
        return v;
    }

    String oneOf(String name, boolean required, String... allowed) {
        String v = raw(name);
        if (v == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        error(name, "must be one of " + String.join(", ", allowed));
        return null;
    }

    Long amount(String name, boolean required) {
        String v = raw(name);
        if (v == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                error(name, "must not be negative (amounts are minor units, e.g. cents)");
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            error(name, "must be a whole number of minor units (e.g. 4900 for 49.00)");
            return null;
        }
    }

    LocalDate date(String name, boolean required) {
        String v = raw(name);
        if (v == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            error(name, "must be a date such as 2025-03-31");
            return null;
        }
    }

    YearMonth month(String name, boolean required) {
        String v = raw(name);
        if (v == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        try {
            return YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            error(name, "must be a month such as 2025-03");
            return null;
        }
    }

    Instant instant(String name, boolean required) {
        String v = raw(name);
        if (v == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                error(name, "must be a timestamp such as 2025-03-31T14:00:00Z (or a date, read as 00:00 UTC)");
                return null;
            }
        }
    }

    /** Reports every field this kind of fact does not know. */
    void refuseUnknown() {
        for (String name : fields.keySet()) {
            if (!read.contains(name)) {
                error(name, "is not a field of this kind of fact");
            }
        }
    }
}
