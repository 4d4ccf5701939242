package dev.flywheel.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/** The kinds of fact the module takes in, as validated values. */
final class Facts {

    private Facts() {
    }

    record MrrChange(String factId, String account, LocalDate effectiveOn, long mrr, String currency) {
    }

    record Touchpoint(String factId, String account, String opportunity, String partnerId, String kind, Instant occurredAt,
            String personEmail, String detail) {
    }

    record OpportunityFact(String factId, String account, String name, String status, long amount, String currency,
            Instant createdAt, Instant closedAt, String createdByPartnerId) {
    }

    record InstallFact(String factId, String account, String integration, String partnerId, Instant installedAt,
            Instant uninstalledAt) {
    }

    record PartnerActivity(String partnerId, YearMonth month, long apiCalls, long eventsReceived) {
        String factId() {
            return partnerId + ":" + month;
        }
    }

    record Gmv(YearMonth month, long amount, String currency) {
        String factId() {
            return month.toString();
        }
    }
}
