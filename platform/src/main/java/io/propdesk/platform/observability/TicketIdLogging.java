package io.propdesk.platform.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts the ticket id of {@code /api/tickets/{id}/...} requests into the logging context ({@code ticketId}). */
public class TicketIdLogging extends OncePerRequestFilter {

    private static final Pattern TICKET_PATH = Pattern.compile("^/api/tickets/([^/]+)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = TICKET_PATH.matcher(request.getRequestURI());
        if (!m.find()) {
            chain.doFilter(request, response);
            return;
        }
        try (MDC.MDCCloseable ticket = MDC.putCloseable("ticketId", m.group(1))) {
            chain.doFilter(request, response);
        }
    }
}
