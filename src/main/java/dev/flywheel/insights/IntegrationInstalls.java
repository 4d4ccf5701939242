package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The seam through which installs reach insights as they happen. Until the marketplace exists,
 * installs are imported (POST /api/v1/insights/facts/installs); when it does, its install and
 * uninstall events are handed to {@link #installed} and {@link #uninstalled} by a listener, and
 * both paths write the same facts, keyed by the install's id, so replays and re-imports are harmless.
 */
@Service
public class IntegrationInstalls {

    private final FactStore store;

    IntegrationInstalls(FactStore store) {
        this.store = store;
    }

    /** Records (or re-records) that an account installed an integration. */
    public void installed(Mode mode, String installId, String accountExternalId, String integration, String partnerId, Instant at) {
        store.upsert(FactKind.INSTALLS, mode, new Facts.InstallFact(installId, accountExternalId, integration, partnerId, at, null));
    }

    /** Records that an install ended; the install must have been recorded before. */
    public void uninstalled(Mode mode, String installId, String accountExternalId, String integration, String partnerId, Instant installedAt,
            Instant at) {
        store.upsert(FactKind.INSTALLS, mode, new Facts.InstallFact(installId, accountExternalId, integration, partnerId, installedAt, at));
    }
}
