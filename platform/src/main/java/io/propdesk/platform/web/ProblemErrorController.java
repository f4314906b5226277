package io.propdesk.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page ({@code /error}) as problem+json, in place of Spring Boot's whitelabel JSON (which
 * answered {@code 500 {"status":999}} when called directly). Written straight to the response, so
 * no Accept header can turn it into a 406 or an HTML page. Not an operation of the API, so not in its document.
 */
@Hidden
@org.springframework.stereotype.Controller
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(code instanceof Integer status) || uri == null) {
            // called as a path of its own: there is no error page to show, and no resource here
            Problems.write(
                    response,
                    HttpStatus.NOT_FOUND.value(),
                    "no resource at " + request.getRequestURI(),
                    request.getRequestURI());
            return;
        }
        String detail = status >= 500
                ? "unexpected failure; it has been logged"
                : HttpStatus.resolve(status) == null
                        ? "the request was refused"
                        : "the request was refused: "
                                + HttpStatus.resolve(status).getReasonPhrase().toLowerCase();
        if (response.isCommitted()) {
            return; // part of an answer is already on the wire: nothing can replace it
        }
        response.reset();
        Problems.write(response, status, detail, uri.toString());
    }
}
