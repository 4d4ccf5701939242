package dev.flywheel.partners;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A partner's registration of a prospect, and how it was decided and closed. */
record DealRegistration(String id, String partnerId, Mode mode, String company, String domain, String contactEmail, Money estimatedValue,
        String products, LocalDate expectedClose, DealStatus status, List<ConflictDetector.Conflict> conflicts, Instant slaDueAt,
        Integer protectionDays, Instant protectedUntil, Instant decidedAt, String decidedBy, String decisionReason, LocalDate closedOn,
        Money wonValue, Integer contractMonths, String vertical, long refunded, Instant createdAt, Instant updatedAt) {

    boolean isOverdue(Instant now) {
        return status == DealStatus.SUBMITTED && now.isAfter(slaDueAt);
    }
}
