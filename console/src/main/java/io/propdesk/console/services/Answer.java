package io.propdesk.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's answer: its status and JSON body. A refusal is the service's problem+json (RFC 9457): its
 * {@code detail}, the {@code rule} it names (409) and the {@code errors} per field (400) are shown to the person as
 * the service gave them. Status 0: the service could not be reached.
 *
 * @param next a list's next page (path and query, from its Link rel="next"), null on its last page
 */
public record Answer(int status, JsonNode body, String location, String next) {

    public static final int UNREACHABLE = 0;

    public Answer {
        body = body == null ? MissingNode.getInstance() : body;
    }

    public Answer(int status, JsonNode body, String location) {
        this(status, body, location, null);
    }

    /**
     * The path and query of the next page a list named in its {@code Link: <...>; rel="next"} header (RFC 8288), or
     * null on the last page.
     */
    static String nextOf(java.util.List<String> links) {
        for (String header : links) {
            for (String link : header.split(",(?=\\s*<)")) {
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("^\\s*<([^>]*)>(.*)$").matcher(link);
                if (m.matches() && m.group(2).matches("(?i).*;\\s*rel=\"?next\"?.*")) {
                    return m.group(1).replaceFirst("^[a-z]+://[^/]+", "");
                }
            }
        }
        return null;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** A text member of the body, or null. */
    public String text(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The refusal as the service explained it. */
    public Problem problem() {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode list = body.get("errors");
        if (list != null && list.isArray()) {
            list.forEach(e -> errors.merge(
                    e.path("field").asText("body"), e.path("reason").asText(""), (a, b) -> a + "; " + b));
        }
        return new Problem(status, text("title"), text("detail"), text("rule"), errors);
    }

    /**
     * @param rule the rule id of docs/domain.md a 409 names (R7, C2, ...), or null
     * @param errors the reason per field of a 400
     */
    public record Problem(int status, String title, String detail, String rule, Map<String, String> errors) {

        /** One line for the person: the service's own words, or the title and status when it gave none. */
        public String message() {
            if (detail != null && !detail.isBlank()) {
                return detail;
            }
            return (title == null ? "" : title + " ") + "(" + status + ")";
        }
    }
}
