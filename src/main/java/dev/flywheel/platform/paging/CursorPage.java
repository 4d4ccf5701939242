package dev.flywheel.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, newest first. {@code nextStartingAfter} is the value to pass as
 * {@code starting_after} for the next page, present only when {@code hasMore} is true.
 */
public record CursorPage<T>(List<T> data, boolean hasMore, String nextStartingAfter) {

    /** Builds a page from rows fetched with {@link PageQuery#fetchSize()}. */
    public static <T> CursorPage<T> of(List<T> fetched, PageQuery query, Function<T, String> id) {
        boolean more = fetched.size() > query.limit();
        List<T> data = more ? List.copyOf(fetched.subList(0, query.limit())) : List.copyOf(fetched);
        return new CursorPage<>(data, more, more ? id.apply(data.get(data.size() - 1)) : null);
    }

    public <R> CursorPage<R> map(Function<T, R> mapper) {
        return new CursorPage<>(data.stream().map(mapper).toList(), hasMore, nextStartingAfter);
    }
}
