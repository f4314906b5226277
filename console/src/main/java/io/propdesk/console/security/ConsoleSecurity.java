package io.propdesk.console.security;

import java.util.LinkedHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's own security, as strict as the services': the sign-in of the services' mode (jwt: OpenID Connect at
 * their issuer, {@link OidcLogin}; demo: a login form, CSRF-protected like every form), the session cookie HttpOnly
 * and SameSite=Lax (console.yml), a Content-Security-Policy that admits only the console's own scripts and styles (no
 * inline script), no framing. The actuator's operational endpoints answer only those whom ticket-service lets read its
 * own (demo: HTTP Basic; jwt: a bearer token, {@link OperationsTokens}; no session); health answers everyone.
 */
@Configuration
public class ConsoleSecurity {

    /** Only the console's own files: htmx and ECharts are served from WebJars by the console itself. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    /**
     * The policy when a form of the console leads elsewhere: jwt mode's sign-out form ends at the issuer's logout
     * endpoint (browsers hold a form's redirects to {@code form-action} too).
     */
    public static String contentSecurityPolicy(String formTarget) {
        return formTarget == null
                ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + formTarget);
    }

    @Bean
    @Order(1)
    SecurityFilterChain operations(
            HttpSecurity http, PersonSecurityProperties security, ObjectProvider<OperationsTokens> tokens)
            throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(ServiceLogin.OPERATIONS))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable()); // no session, no cookie: nothing to forge
        if (security.mode() == PersonSecurityProperties.Mode.DEMO) {
            // the one AuthenticationProvider bean, ServiceLogin, is the global one: both chains use it
            http.httpBasic(Customizer.withDefaults());
        } else {
            http.oauth2ResourceServer(o -> o.opaqueToken(t -> t.introspector(tokens.getObject())));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain screens(
            HttpSecurity http,
            PersonSecurityProperties security,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2AuthorizedClientRepository> sessionTokens,
            ObjectProvider<OidcPeople> people,
            ObjectProvider<OidcLogin.OidcLogout> logout)
            throws Exception {
        String policy = security.mode() == PersonSecurityProperties.Mode.DEMO
                ? CONTENT_SECURITY_POLICY
                : contentSecurityPolicy(OidcLogin.logoutOrigin(registrations.getObject()));
        // an open page's event stream (/live) ends with an async dispatch of a request already authorized, possibly
        // after its session ended (sign-out): not authorized again
        http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(policy))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .requestCache(c -> c.requestCache(pagesOnly()));
        String signIn = security.mode() == PersonSecurityProperties.Mode.DEMO ? "/login" : OidcLogin.SIGN_IN;
        http.exceptionHandling(x -> x.authenticationEntryPoint(signIn(signIn)).accessDeniedHandler(sessionEnded()));
        if (security.mode() == PersonSecurityProperties.Mode.DEMO) {
            http.formLogin(f -> f.loginPage("/login")
                            .successHandler(home())
                            .failureHandler(failure())
                            .permitAll())
                    .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        } else {
            // straight to the issuer's login; the console's /login page is where a sign-out or a refusal lands
            http.oauth2Login(o -> o.loginPage("/login")
                            .clientRegistrationRepository(registrations.getObject())
                            .authorizedClientRepository(sessionTokens.getObject())
                            .userInfoEndpoint(u -> u.oidcUserService(people.getObject()))
                            .successHandler(home())
                            .failureHandler(oidcFailure()))
                    .logout(l -> l.logoutUrl("/logout")
                            .logoutSuccessHandler(logout.getObject().handler()));
        }
        return http.build();
    }

    /** A request htmx sends from an open page for a part of it (a queue's live rows, a form's choices). */
    private static final RequestMatcher PAGE_PART = new RequestHeaderRequestMatcher("HX-Request", "true");

    /**
     * The request a sign-in returns to is a page someone opened, never a part of one. An open page keeps asking for
     * its parts; one asked after its session ended (sign-out, expiry) would otherwise be remembered, and the next
     * person to sign in on that browser would land on a bare fragment ({@code /queues/live}) instead of their home.
     */
    private static HttpSessionRequestCache pagesOnly() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        // Spring Security's own choice (a GET, not the favicon, not asking for JSON, an event stream or a form
        // upload, not an XMLHttpRequest), less htmx's requests
        cache.setRequestMatcher(new AndRequestMatcher(
                request -> "GET".equals(request.getMethod()),
                request -> !request.getRequestURI().contains("/favicon."),
                new NegatedRequestMatcher(PAGE_PART),
                new NegatedRequestMatcher(new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest")),
                notAsking(MediaType.APPLICATION_JSON),
                notAsking(MediaType.TEXT_EVENT_STREAM),
                notAsking(MediaType.MULTIPART_FORM_DATA)));
        return cache;
    }

    /** Not asking for that type by name ({@code *}{@code /*} does not count). */
    private static RequestMatcher notAsking(MediaType type) {
        MediaTypeRequestMatcher asks = new MediaTypeRequestMatcher(type);
        asks.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return new NegatedRequestMatcher(asks);
    }

    /**
     * Someone not signed in goes to the sign-in. A part of a page answers 401 with htmx's {@code HX-Redirect}, so the
     * whole window goes there instead of the sign-in form being swapped into the part.
     */
    private static AuthenticationEntryPoint signIn(String url) {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byKind = new LinkedHashMap<>();
        byKind.put(PAGE_PART, (request, response, e) -> windowTo(response, request.getContextPath() + url));
        DelegatingAuthenticationEntryPoint entry = new DelegatingAuthenticationEntryPoint(byKind);
        entry.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(url));
        return entry;
    }

    /**
     * A form sent from a page whose session has ended carries a CSRF token its browser's session does not hold: the
     * session expired after its 8 hours or the console restarted (no session at all), or the person signed out in
     * another tab, which then showed the sign-in and with it a new session of no one. Nothing of the form was done;
     * the person is sent to the console's sign-in page, which says so ({@code /login?expired}), or, for a sign-out,
     * to where a sign-out lands, instead of to a bare 403. A part of a page (htmx) answers 401 with {@code
     * HX-Redirect}, as {@link #signIn} does. Any other refusal stays the 403 page: a form without a token, and a token
     * that does not match the session of someone signed in.
     */
    private static AccessDeniedHandler sessionEnded() {
        AccessDeniedHandlerImpl refused = new AccessDeniedHandlerImpl();
        return (request, response, e) -> {
            boolean noSession = e instanceof MissingCsrfTokenException;
            boolean sessionOfNoOne = e instanceof InvalidCsrfTokenException
                    && (request.getParameter(CSRF_PARAMETER) != null || request.getHeader(CSRF_HEADER) != null)
                    && !signedIn();
            if (!noSession && !sessionOfNoOne) {
                refused.handle(request, response, e);
                return;
            }
            // the console's own sign-in page in both modes: it says why, and in jwt mode leads on to the issuer; a
            // sign-out whose session had already ended has what it asked for
            String target = request.getContextPath()
                    + ("/logout".equals(request.getServletPath()) ? "/login?logout" : "/login?expired");
            if (PAGE_PART.matches(request)) {
                windowTo(response, target);
            } else {
                // 303: the browser asks for the sign-in with a GET, whatever the refused form's method was
                response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", target);
            }
        };
    }

    /** The form field that carries the CSRF token (Spring Security's default; the console's forms send it). */
    private static final String CSRF_PARAMETER = "_csrf";

    /** The header that may carry it instead (Spring Security's default). */
    private static final String CSRF_HEADER = "X-CSRF-TOKEN";

    /** Whether the request's session belongs to someone signed in. */
    private static boolean signedIn() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
    }

    /** The answer to a part of a page that cannot be given: 401, and htmx sends the whole window to {@code url}. */
    private static void windowTo(jakarta.servlet.http.HttpServletResponse response, String url) {
        response.setHeader("HX-Redirect", url);
        response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_UNAUTHORIZED);
    }

    /** A refused OpenID Connect sign-in: the kind only, never the issuer's words (they may name the person). */
    private static AuthenticationFailureHandler oidcFailure() {
        return (request, response, e) -> {
            String kind = e instanceof OAuth2AuthenticationException o
                            && OidcPeople.NO_STAFF_ROLE.equals(o.getError().getErrorCode())
                    ? "refused"
                    : "credentials";
            response.sendRedirect(request.getContextPath() + "/login?error=" + kind);
        };
    }

    /** After the login: the page first asked for, else the person's home screen. */
    private static AuthenticationSuccessHandler home() {
        org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler saved =
                new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
        saved.setDefaultTargetUrl("/");
        return saved;
    }

    /** Back to the form with the kind of failure only: never the user name typed. */
    private static AuthenticationFailureHandler failure() {
        return (request, response, e) -> {
            String kind = e instanceof BadCredentialsException
                    ? "credentials"
                    : e instanceof DisabledException
                            ? "refused"
                            : e instanceof AuthenticationServiceException ? "unreachable" : "credentials";
            response.sendRedirect(request.getContextPath() + "/login?error=" + kind);
        };
    }
}
