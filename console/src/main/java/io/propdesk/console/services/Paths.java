package io.propdesk.console.services;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** Paths of the services' APIs, encoded once here. */
public final class Paths {

    private Paths() {}

    /** {@code path?name=value&...}, leaving out the parameters whose value is null or blank. */
    public static String query(String path, String... namesAndValues) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                uri.queryParam(namesAndValues[i], value);
            }
        }
        return uri.encode().build().toUriString();
    }

    /** One path segment (an id) encoded. */
    public static String segment(String id) {
        return UriUtils.encodePathSegment(id, "UTF-8");
    }
}
