package io.propdesk.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request body larger than {@code propdesk.web.max-body-size} is answered 413 problem+json before
 * any of it is parsed. A declared Content-Length is checked at once; a chunked body is read up to the limit (at most
 * that much memory per request) and refused as soon as it passes it.
 */
public class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (declared > maxBytes) {
            tooLarge(request, response);
            return;
        }
        if (!chunked) {
            chain.doFilter(request, response);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (body.size() + n > maxBytes) {
                    tooLarge(request, response);
                    return;
                }
                body.write(buffer, 0, n);
            }
        }
        chain.doFilter(new BufferedRequest(request, body.toByteArray()), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the rest of the body is not read: the connection is not worth keeping
        response.setHeader("Connection", "close");
        Problems.write(
                response,
                HttpStatus.PAYLOAD_TOO_LARGE.value(),
                "the request body is larger than " + maxBytes + " bytes",
                request.getRequestURI());
    }
}
