package dev.flywheel.marketplace;

import dev.flywheel.developer.AppSuspensions;
import org.springframework.stereotype.Component;

/** Tells the developer platform which apps are suspended: those whose listing the owner suspended, until it is reinstated. */
@Component
class SuspendedApps implements AppSuspensions {

    private final ListingRepository listings;

    SuspendedApps(ListingRepository listings) {
        this.listings = listings;
    }

    @Override
    public boolean suspended(String appId) {
        return listings.appSuspended(appId);
    }
}
