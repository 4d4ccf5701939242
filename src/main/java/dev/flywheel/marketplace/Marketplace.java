package dev.flywheel.marketplace;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The marketplace module's API for other modules: which apps an account has installed and
 * whether an installation works right now (installed, and its app not suspended).
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
}
