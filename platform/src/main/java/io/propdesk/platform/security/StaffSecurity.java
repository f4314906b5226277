package io.propdesk.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import io.propdesk.contracts.access.RoleClaims;
import io.propdesk.platform.security.webhook.SignedWebhooks;
import io.propdesk.platform.security.webhook.WebhookIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Authentication and the access table on every service. Health stays open (the status only; details for ADMIN); each
 * endpoint admits the roles its row in {@link Access} names, HEAD exactly as GET; OPTIONS and TRACE are answered to
 * nobody; the other actuator endpoints and every OpenAPI document and Swagger UI path need ADMIN; any other path
 * needs credentials (and answers 404, or 405 for a method the path does not serve).
 * Refusals are problem+json (RFC 9457): 401 without (valid) credentials, 403 naming the roles the endpoint needs, with
 * the request path as {@code instance} and the extension members at the top level.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(StaffSecurityProperties.class)
public class StaffSecurity {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The demo users' passwords: plain text, compared in constant time, never re-encoded. */
    static final PasswordEncoder DEMO_PASSWORDS = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String stored) {
            return raw != null
                    && stored != null
                    && MessageDigest.isEqual(
                            raw.toString().getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
        }
    };

    /**
     * The request's own observation stays (its span, which carries the trace into the command's events, and
     * {@code http.server.requests}); Spring Security's observations of each filter, the authentication and the
     * authorization do not: spans and timers nobody reads, 2.5 % of the system's CPU at saturation (issue 19, JFR).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain propdeskSecurity(
            HttpSecurity http,
            StaffSecurityProperties properties,
            Environment env,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectProvider<ExtraEndpoints> extra,
            ObjectProvider<SignedWebhooks> signed,
            ObjectProvider<MongoDatabase> database,
            ObjectProvider<Clock> clock)
            throws Exception {
        String service = serviceOf(env);
        List<Access.Endpoint> endpoints = new ArrayList<>(Access.of(service));
        extra.orderedStream().forEach(e -> endpoints.addAll(e.endpoints()));
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.principal("anonymous"))
                .exceptionHandling(x -> x.authenticationEntryPoint((request, response, e) ->
                                unauthorized(request, response, properties.getMode(), e.getMessage()))
                        .accessDeniedHandler((request, response, e) -> forbidden(request, response, endpoints)))
                .authorizeHttpRequests(a -> {
                    // No method slips past the access table. OPTIONS would list a path's methods to anyone
                    // and TRACE echoes the request (credentials included): neither is answered.
                    a.requestMatchers(HttpMethod.OPTIONS, "/**").denyAll();
                    a.requestMatchers(HttpMethod.TRACE, "/**").denyAll();
                    a.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                            .permitAll();
                    for (Access.Endpoint endpoint : endpoints) {
                        String[] admitted = authorities(endpoint.roles());
                        a.requestMatchers(HttpMethod.valueOf(endpoint.method()), endpoint.path())
                                .hasAnyAuthority(admitted);
                        if (endpoint.method().equals("GET")) {
                            // Spring MVC answers HEAD with the GET handler: it must admit the same roles, or a HEAD
                            // tells a caller the table refuses whether a ticket exists
                            a.requestMatchers(HttpMethod.HEAD, endpoint.path()).hasAnyAuthority(admitted);
                        }
                    }
                    // every method, and every document springdoc serves (/v3/api-docs.yaml, groups, Swagger UI)
                    a.requestMatchers(
                                    "/actuator/**",
                                    "/v3/**",
                                    "/swagger-ui/**",
                                    "/swagger-ui.html",
                                    "/swagger-resources/**",
                                    "/webjars/**")
                            .hasAnyAuthority(authorities(Access.OPERATIONS));
                    // an unknown path is a 404 for a known caller, a method its path does not serve a 405; that every
                    // mapped endpoint has its row in the table is the role-matrix test's first check
                    a.anyRequest().authenticated();
                });
        if (properties.getMode() == StaffSecurityProperties.Mode.DEMO) {
            List<StaffSecurityProperties.User> users =
                    properties.getUsers().isEmpty() ? DemoUsers.all() : properties.getUsers();
            // Demo passwords are documented plain text, so they are compared as such (in constant time). The default
            // encoder would "upgrade" each one to BCrypt on first use and then spend ~100 ms of CPU on every request.
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                    users.stream().map(StaffSecurity::userDetails).toList()));
            provider.setPasswordEncoder(DEMO_PASSWORDS);
            http.authenticationManager(new ProviderManager(provider));
            http.httpBasic(b -> b.realmName("propdesk")
                    .authenticationEntryPoint((request, response, e) ->
                            unauthorized(request, response, properties.getMode(), "wrong or missing credentials")));
        } else {
            JwtDecoder decoder = jwtDecoder.getIfAvailable();
            if (decoder == null) {
                throw JwtSettingMissingException.issuer();
            }
            String audience = properties.getJwt().getAudience();
            if (audience == null || audience.isBlank()) {
                throw JwtSettingMissingException.audience();
            }
            JwtDecoder forThisAudience = audienceChecked(decoder, audience.trim());
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint((request, response, e) ->
                            unauthorized(request, response, properties.getMode(), e.getMessage()))
                    .jwt(j -> j.decoder(forThisAudience)
                            .jwtAuthenticationConverter(new StaffJwtConverter(properties.getJwt()))));
        }
        // a webhook signature stands in for credentials on the endpoints a service declares, and nowhere else
        signed.orderedStream()
                .forEach(webhooks -> http.addFilterBefore(
                        new SignedWebhookFilter(
                                webhooks,
                                new WebhookIds(database.getObject(), clock.getObject(), webhooks.tolerance()),
                                clock.getObject()),
                        AnonymousAuthenticationFilter.class));
        return http.build();
    }

    /**
     * The issuer's signature and lifetime checks (Spring's) and then the audience, so a token the same
     * issuer made for another application is refused with a 401 like any other invalid token.
     */
    static JwtDecoder audienceChecked(JwtDecoder decoder, String audience) {
        OAuth2TokenValidator<Jwt> forUs =
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience));
        return token -> {
            Jwt jwt = decoder.decode(token);
            OAuth2TokenValidatorResult result = forUs.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException(
                        "the token is not meant for this service: its audience " + jwt.getAudience() + " does not name "
                                + audience,
                        result.getErrors());
            }
            return jwt;
        };
    }

    /** {@code ticket-service} → {@code ticket}, the service names of the access table. */
    static String serviceOf(Environment env) {
        String name = env.getProperty("propdesk.security.service", env.getProperty("spring.application.name", ""));
        return name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
    }

    private static String[] authorities(Collection<Role> roles) {
        return roles.stream().map(Role::authority).toArray(String[]::new);
    }

    private static UserDetails userDetails(StaffSecurityProperties.User user) {
        if (user.getUsername() == null
                || user.getPassword() == null
                || user.getPassword().isBlank()) {
            throw new IllegalStateException("propdesk.security.users: every user needs a username and a password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        user.getRoles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        if (user.getDepartment() != null) {
            authorities.add(new SimpleGrantedAuthority(
                    Staff.DEPARTMENT_AUTHORITY + user.getDepartment().name()));
        }
        if (user.getArea() != null) {
            authorities.add(new SimpleGrantedAuthority(Staff.AREA_AUTHORITY + user.getArea()));
        }
        return User.withUsername(user.getUsername())
                .password(user.getPassword())
                .authorities(authorities)
                .build();
    }

    private static void unauthorized(
            HttpServletRequest request, HttpServletResponse response, StaffSecurityProperties.Mode mode, String detail)
            throws IOException {
        response.setHeader(
                "WWW-Authenticate", mode == StaffSecurityProperties.Mode.DEMO ? "Basic realm=\"propdesk\"" : "Bearer");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "Unauthorized",
                "unauthorized",
                "this endpoint needs credentials" + (detail == null || detail.isBlank() ? "" : ": " + detail),
                Map.of());
    }

    private static void forbidden(
            HttpServletRequest request, HttpServletResponse response, List<Access.Endpoint> endpoints)
            throws IOException {
        Staff caller = Staff.current();
        String path = request.getRequestURI();
        String method = request.getMethod();
        if (method.equals("OPTIONS") || method.equals("TRACE")) {
            write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "forbidden",
                    method + " is answered to no one on this service",
                    Map.of("requiredRoles", List.of()));
            return;
        }
        // HEAD is checked as GET (see the table's matchers above)
        String asInTable = method.equals("HEAD") ? "GET" : method;
        List<String> needed = endpoints.stream()
                .filter(e -> e.matches(asInTable, path))
                .findFirst()
                .map(e -> e.roles().stream().map(Role::name).toList())
                .orElse(
                        path.startsWith("/actuator")
                                        || path.startsWith("/v3")
                                        || path.startsWith("/swagger")
                                        || path.startsWith("/webjars")
                                ? Access.OPERATIONS.stream()
                                        .map(Role::name)
                                        .sorted()
                                        .toList()
                                : List.of());
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "forbidden",
                method + " " + path + " needs one of: "
                        + (needed.isEmpty() ? "no role: not an endpoint of this service" : String.join(", ", needed))
                        + "; " + caller.name() + " has " + (caller.roles().isEmpty() ? "no role" : caller.roles()),
                Map.of("requiredRoles", needed));
    }

    /**
     * An RFC 9457 problem: the standard members, {@code instance} the request path, and the extension members at the
     * top level, like every error. Written by hand because these refusals happen before Spring MVC, whose message
     * converters would otherwise shape a {@link ProblemDetail}.
     */
    static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String title,
            String type,
            String detail,
            Map<String, Object> extensions)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create("https://propdesk.io/problems/" + type).toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.putAll(extensions);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // HEAD answers carry no body (RFC 9110 9.3.2); the status and headers say it all
        if (!request.getMethod().equals("HEAD")) {
            JSON.writeValue(response.getOutputStream(), problem);
        }
    }

    /**
     * Roles from the configured claim, the department and area from theirs, each read as {@link RoleClaims} reads a
     * claim (the console reads the roles it shows the same way); the name from {@code preferred_username}, else
     * {@code sub}.
     */
    static final class StaffJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

        private final StaffSecurityProperties.Jwt claims;

        StaffJwtConverter(StaffSecurityProperties.Jwt claims) {
            this.claims = claims;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            List<GrantedAuthority> authorities = new ArrayList<>();
            for (Role role : RoleClaims.roles(RoleClaims.at(jwt.getClaims(), claims.getRolesClaim()))) {
                authorities.add(new SimpleGrantedAuthority(role.authority()));
            }
            String department = RoleClaims.textAt(jwt.getClaims(), claims.getDepartmentClaim());
            if (Staff.departmentOrNull(department) != null) {
                authorities.add(new SimpleGrantedAuthority(Staff.DEPARTMENT_AUTHORITY
                        + Staff.departmentOrNull(department).name()));
            }
            String area = RoleClaims.textAt(jwt.getClaims(), claims.getAreaClaim());
            if (area != null && !area.isBlank()) {
                authorities.add(new SimpleGrantedAuthority(Staff.AREA_AUTHORITY + area));
            }
            String name = jwt.getClaimAsString("preferred_username");
            return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
        }
    }
}
