package io.propdesk.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Walks a paged list (issue 15 item 9) the way a client does: from the first page along each Link rel="next". */
public final class Pages {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");

    /** A GET of a path relative to the service, as the test's own client sends it. */
    @FunctionalInterface
    public interface Get {
        HttpResponse<String> get(String path) throws Exception;
    }

    private Pages() {}

    /** Every page from {@code firstPath} on, each a 200; fails past 1,000 pages (a cursor that does not advance). */
    public static List<HttpResponse<String>> walk(String firstPath, Get client) throws Exception {
        List<HttpResponse<String>> pages = new ArrayList<>();
        Optional<String> path = Optional.of(firstPath);
        while (path.isPresent()) {
            HttpResponse<String> page = client.get(path.get());
            assertThat(page.statusCode()).as(path.get() + ": " + page.body()).isEqualTo(200);
            pages.add(page);
            assertThat(pages).as("a walk that never ends").hasSizeLessThan(1_000);
            path = next(page);
        }
        return pages;
    }

    /** The target of the page's Link rel="next", if it has one. */
    public static Optional<String> next(HttpResponse<String> page) {
        return page.headers().allValues("Link").stream()
                .map(NEXT::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst();
    }
}
