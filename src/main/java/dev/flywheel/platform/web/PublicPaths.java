package dev.flywheel.platform.web;

import java.util.List;

/**
 * Paths a module serves without sign-in (e.g. a public storefront). Declared as beans, so the
 * security configuration stays in one place and each module still owns its own list.
 *
 * @param pages console-style paths (ant patterns) open to anonymous visitors
 * @param api API paths (ant patterns) that need no API key, for any method
 */
public record PublicPaths(List<String> pages, List<String> api) {
}
