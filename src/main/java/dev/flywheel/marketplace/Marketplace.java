package dev.flywheel.marketplace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The marketplace module's API for other modules: which apps an account has installed and
 * whether an installation works right now (installed, and its app not suspended), and how many
 * installs a technology partner's apps have (the partner program's tier metric).
 */
@Service
public class Marketplace {

    private final InstallationRepository installations;
    private final Installs installs;

    Marketplace(InstallationRepository installations, Installs installs) {
        this.installations = installations;
        this.installs = installs;
    }

    public Optional<Installation> installation(String installationId) {
        return installations.find(installationId);
    }

    /** The installations of a customer account, active and uninstalled, newest first. */
    public List<Installation> installationsOf(String accountId) {
        return installations.ofAccount(accountId);
    }

    /** False when the app was uninstalled or its listing is suspended: its access must be refused. */
    public boolean works(String installationId) {
        return installations.find(installationId).map(installs::works).orElse(false);
    }

    /**
     * How many customer accounts installed one of the partner's apps at or after {@code since} and
     * still have it working (an uninstall or the app's suspension takes the install back; a reinstall
     * counts from its new date).
     */
    public long activeInstallsOfPartner(String partnerId, Instant since) {
        return installations.activeInstallsOfPartnerSince(partnerId, since);
    }
}
