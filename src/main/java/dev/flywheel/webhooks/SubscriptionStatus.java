package dev.flywheel.webhooks;

/**
 * The state of an app install as the webhooks module sees it, shared by the install's
 * subscriptions: {@code ACTIVE} delivers; {@code SUSPENDED} (the owner suspended the app's
 * listing) delivers nothing until the listing is reinstated; {@code ENDED} (uninstalled) delivers
 * nothing, for good — a reinstall makes it active again under the same install.
 */
enum SubscriptionStatus {
    ACTIVE, SUSPENDED, ENDED
}
