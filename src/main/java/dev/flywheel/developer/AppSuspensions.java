package dev.flywheel.developer;

/**
 * Whether another module has taken an app off for now (the marketplace suspends an app's listing),
 * so that every token of the app, its own client-credentials tokens included, is refused on
 * Flywheel's API until it is reinstated. Implemented by the module that suspends; the developer
 * platform only asks. After a change, {@link Apps#accessChanged(String)} makes this node ask again
 * at once (other nodes within the token verifier's 10 s app cache).
 */
public interface AppSuspensions {

    boolean suspended(String appId);
}
