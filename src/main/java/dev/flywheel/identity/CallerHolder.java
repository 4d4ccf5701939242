package dev.flywheel.identity;

/** A security principal that acts as a {@link Caller} (the signed-in console user). */
interface CallerHolder {

    Caller caller();
}
