package io.propdesk.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * RFC 9457 problem+json written straight to a servlet response, for the errors that never reach a controller: the
 * body-size limit, the firewall, the container's error pages. The same members as ProblemHandler's
 * answers: type, title, status, detail, instance (the request path).
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    public static Map<String, Object> problem(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", instance);
        return problem;
    }

    public static String json(int status, String detail, String instance) {
        try {
            return JSON.writeValueAsString(problem(status, detail, instance));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(HttpServletResponse response, int status, String detail, String instance)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, detail, instance));
        response.flushBuffer();
    }
}
