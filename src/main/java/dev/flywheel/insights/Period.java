package dev.flywheel.insights;

import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A reporting period of whole months (from..to inclusive), as the API's {@code from} and {@code to} give it. */
record Period(YearMonth from, YearMonth to) {

    static final int MAX_MONTHS = 120;

    /** Months from YYYY-MM parameters; missing ones default to the last 12 complete months. */
    static Period months(String from, String to, Clock clock) {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth t = to == null || to.isBlank() ? current.minusMonths(1) : month("to", to);
        YearMonth f = from == null || from.isBlank() ? t.minusMonths(11) : month("from", from);
        if (t.isBefore(f)) {
            throw ApiException.invalid("to", "must not be before from");
        }
        if (f.until(t, java.time.temporal.ChronoUnit.MONTHS) >= MAX_MONTHS) {
            throw ApiException.invalid("from", "must be at most " + MAX_MONTHS + " months before to");
        }
        return new Period(f, t);
    }

    private static YearMonth month(String name, String value) {
        try {
            if (value.length() == 10) {
                return YearMonth.from(LocalDate.parse(value));
            }
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be a month such as 2025-03");
        }
    }

    Instant startInstant() {
        return from.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first instant after the period. */
    Instant endExclusive() {
        return to.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
