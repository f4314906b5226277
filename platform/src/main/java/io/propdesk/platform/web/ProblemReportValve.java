package io.propdesk.platform.web;

import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report (a request refused before it reaches Spring: a malformed URL, a bad header) as
 * problem+json instead of an HTML page, like every other error a client gets.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            String path =
                    request.getDecodedRequestURI() != null ? request.getDecodedRequestURI() : request.getRequestURI();
            String detail = status >= 500 ? "unexpected failure; it has been logged" : "the request was refused";
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(status, detail, path));
                response.finishResponse();
            }
        } catch (Exception | LinkageError e) {
            container.getLogger().warn("could not write the error report", e);
        }
    }
}
