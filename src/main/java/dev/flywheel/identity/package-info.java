/**
 * Organizations (the owner, partners, customer accounts), their users and roles, console sign-in,
 * API keys, invitations, password resets and the audit log. Other modules use {@link
 * dev.flywheel.identity.Organizations}, {@link dev.flywheel.identity.AuditLog} and {@link
 * dev.flywheel.identity.Caller}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package dev.flywheel.identity;
