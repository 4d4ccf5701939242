package dev.flywheel.insights;

import java.time.Instant;

/** An integration installed on a customer account, active from {@code installedAt} until {@code uninstalledAt} (null: still active). */
record Install(String account, String integration, String partnerId, Instant installedAt, Instant uninstalledAt) {

    boolean activeAt(Instant at) {
        return !installedAt.isAfter(at) && (uninstalledAt == null || uninstalledAt.isAfter(at));
    }
}
