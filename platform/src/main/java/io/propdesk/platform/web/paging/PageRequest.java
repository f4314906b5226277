package io.propdesk.platform.web.paging;

import io.propdesk.platform.domain.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The page a list endpoint is asked for: at most {@code limit} rows (1..500, default 100) after
 * {@code cursor} (absent: from the start). Every list pages this way and only this way: a parameter the endpoint does
 * not declare, such as {@code offset} or {@code page}, is a 400 naming it, never silently ignored.
 *
 * @param after where the previous page ended; null for the first page
 */
public record PageRequest(int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";

    /** For the OpenAPI documents: what a list says about its paging. */
    public static final String LIMIT_DOC = "Rows per page, 1 to 500 (default 100).";

    public static final String CURSOR_DOC = "Opaque: where the previous page ended. Follow the answer's "
            + "Link rel=\"next\" header (RFC 8288) rather than building it; the last page has no Link. "
            + "offset and page are not parameters (400).";

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException(LIMIT, "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor == null ? null : Cursor.parse(cursor));
    }

    /**
     * The page asked for, after checking that every query parameter of the request is one the handling controller
     * method declares with {@code @RequestParam} (its filters, {@code limit} and {@code cursor}).
     */
    public static PageRequest of(HttpServletRequest request, Integer limit, String cursor) {
        Set<String> declared = declaredParameters(request);
        for (String name : request.getParameterMap().keySet()) {
            if (!declared.contains(name)) {
                throw new BadRequestException(
                        name,
                        "not a parameter of this list, which takes " + String.join(", ", declared)
                                + "; it pages by cursor: follow the Link rel=\"next\" header");
            }
        }
        return of(limit, cursor);
    }

    private static Set<String> declaredParameters(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
            throw new IllegalStateException("a page request is read inside a controller method");
        }
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null) {
                // the compiler keeps parameter names (-parameters, as Spring MVC's own binding needs)
                names.add(
                        !annotation.name().isEmpty()
                                ? annotation.name()
                                : parameter.getParameter().getName());
            }
        }
        Set<String> declared = new LinkedHashSet<>(names);
        declared.add(LIMIT);
        declared.add(CURSOR);
        return declared;
    }

    /** How many rows to fetch: one past the limit says whether a next page exists. */
    public int fetch() {
        return limit + 1;
    }
}
