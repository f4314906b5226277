package io.propdesk.platform.security;

import io.propdesk.platform.security.webhook.SignedWebhooks;
import io.propdesk.platform.security.webhook.WebhookIds;
import io.propdesk.platform.security.webhook.WebhookRejected;
import io.propdesk.platform.security.webhook.WebhookSignature;
import io.propdesk.platform.web.BufferedRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a request to a signed-webhook endpoint ({@link SignedWebhooks}) that carries the Standard Webhooks headers
 * and no credentials: a valid signature within the tolerance, under a webhook id not seen before, acts as
 * {@code webhook:<integration>} with the endpoint's role; anything else is a 401 problem naming the header at fault,
 * before any of the body is used. A request with credentials, or to any other path, is left to the usual
 * authentication. The body (already held to the size limit) is read once here and handed on unchanged.
 */
class SignedWebhookFilter extends OncePerRequestFilter {

    private final List<String> paths;
    private final String authority;
    private final Map<String, byte[]> keys;
    private final SignedWebhooks webhooks;
    private final WebhookIds seen;
    private final Clock clock;

    SignedWebhookFilter(SignedWebhooks webhooks, WebhookIds seen, Clock clock) {
        this.webhooks = webhooks;
        this.paths = webhooks.paths();
        this.authority = webhooks.role().authority();
        this.keys = webhooks.keys();
        this.seen = seen;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !paths.contains(request.getRequestURI())
                || request.getHeader("Authorization") != null
                || (request.getHeader(WebhookSignature.SIGNATURE) == null
                        && request.getHeader(WebhookSignature.ID) == null
                        && request.getHeader(WebhookSignature.TIMESTAMP) == null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String id = request.getHeader(WebhookSignature.ID);
        String integration;
        try {
            integration = WebhookSignature.verify(
                    keys,
                    id,
                    request.getHeader(WebhookSignature.TIMESTAMP),
                    request.getHeader(WebhookSignature.SIGNATURE),
                    body,
                    clock.instant(),
                    webhooks.tolerance());
            if (!seen.remember(integration, id)) {
                throw new WebhookRejected(WebhookSignature.ID, "webhook-id " + id + " was accepted before: a replay");
            }
        } catch (WebhookRejected rejected) {
            StaffSecurity.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Unauthorized",
                    "unauthorized",
                    "the signed webhook is refused: " + rejected.getMessage(),
                    Map.of("header", rejected.header()));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "webhook:" + integration, null, List.of(new SimpleGrantedAuthority(authority))));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(new BufferedRequest(request, body), response);
        } finally {
            if (response.getStatus() >= 500) {
                // the sender retries a message with the same id after a failure of ours; that retry is no replay
                seen.forget(integration, id);
            }
            SecurityContextHolder.clearContext();
        }
    }
}
