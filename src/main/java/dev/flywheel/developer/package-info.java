/**
 * The developer platform: apps (OAuth clients) that partners register, the scope catalog, the
 * OAuth 2.1 authorization server (Spring Security's) with its consent page, the grants customer
 * admins see and revoke, token signing keys, and the developer portal pages. Other modules use
 * {@link dev.flywheel.developer.Apps} to look up apps.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Developer platform")
package dev.flywheel.developer;
