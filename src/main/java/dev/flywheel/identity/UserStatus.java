package dev.flywheel.identity;

/** A user is invited until they accept and set a password; an admin may disable them. */
public enum UserStatus {
    INVITED, ACTIVE, DISABLED
}
