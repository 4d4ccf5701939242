package dev.flywheel.insights;

import java.time.Instant;

/**
 * A won or lost opportunity (open ones are stored but not attributed).
 *
 * @param createdByPartnerId the partner that created the opportunity, if a partner did
 */
record Opportunity(String id, String account, String status, long amount, Instant createdAt, Instant closedAt,
        String createdByPartnerId) {

    boolean won() {
        return "won".equals(status);
    }

    boolean closed() {
        return "won".equals(status) || "lost".equals(status);
    }
}
