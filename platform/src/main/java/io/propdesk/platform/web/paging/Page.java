package io.propdesk.platform.web.paging;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a list: its rows and, when more rows follow, the cursor of the next page. Answered as the JSON array of
 * the rows (as every list answered before paging) with {@code Link: <same path and filters&cursor=...>; rel="next"}
 * (RFC 8288) when more rows follow, and no Link on the last page.
 *
 * @param next null on the last page
 */
public record Page<T>(List<T> rows, Cursor next) {

    /**
     * The page from rows fetched in the list's order after the request's cursor, at most {@link PageRequest#fetch()}
     * of them: the one row past the limit only says that a next page exists.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> rows = List.copyOf(fetched.subList(0, request.limit()));
        return new Page<>(rows, cursorOf.apply(rows.get(rows.size() - 1)));
    }

    /**
     * The page of a list held in memory, already sorted in the list's order (sort key, then id): the rows after the
     * cursor, where {@code afterCursor} says whether a row lies past the cursor in that order.
     */
    public static <T> Page<T> slice(
            List<T> sorted,
            PageRequest request,
            Function<Cursor, Predicate<T>> afterCursor,
            Function<T, Cursor> cursorOf) {
        Predicate<T> after = request.after() == null ? row -> true : afterCursor.apply(request.after());
        return of(sorted.stream().filter(after).limit(request.fetch()).toList(), request, cursorOf);
    }

    /** The rows as a JSON array, with the Link to the next page when there is one. */
    public ResponseEntity<List<T>> answer(HttpServletRequest request) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (next != null) {
            ok.header(HttpHeaders.LINK, "<" + nextPath(request) + ">; rel=\"next\"");
        }
        return ok.body(rows);
    }

    /** Relative to the request (RFC 8288 resolves it against it), so it holds behind any proxy; filters as sent. */
    private String nextPath(HttpServletRequest request) {
        return UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam(PageRequest.CURSOR, next.token())
                .build()
                .toUriString();
    }
}
