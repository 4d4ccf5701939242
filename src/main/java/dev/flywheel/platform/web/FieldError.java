package dev.flywheel.platform.web;

/** One broken rule of a request: the field (JSON pointer-like dotted path) and what it must be. */
public record FieldError(String field, String message) {
}
