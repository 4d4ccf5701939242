package dev.flywheel.platform.paging;

import dev.flywheel.platform.web.ApiException;

/**
 * What a list call asked for: at most {@code limit} items, newest first, starting after the
 * item with id {@code startingAfter} (the previous page's last id), or from the newest.
 */
public record PageQuery(int limit, String startingAfter) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageQuery of(Integer limit, String startingAfter) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String after = startingAfter == null || startingAfter.isBlank() ? null : startingAfter.trim();
        if (after != null && !after.matches("[a-z]{2,5}_[0-9a-z]{26}")) {
            throw ApiException.invalid("starting_after", "must be an id taken from a previous page (e.g. prt_01j...)");
        }
        return new PageQuery(effective, after);
    }

    public static PageQuery first(int limit) {
        return new PageQuery(limit, null);
    }

    /** How many rows a repository should fetch: one more than the page, to know if there is a next one. */
    public int fetchSize() {
        return limit + 1;
    }
}
