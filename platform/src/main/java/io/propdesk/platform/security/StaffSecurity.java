package io.propdesk.platform.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;

/**
 * Authentication and the access table on every service. Health stays open; each endpoint admits the roles its row in
 * {@link Access} names; the other actuator endpoints and the OpenAPI documents need ADMIN; any other path needs
 * credentials (and answers 404).
 * Refusals are problem+json: 401 without (valid) credentials, 403 naming the roles the endpoint needs.
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
            return raw != null && stored != null && MessageDigest.isEqual(
                    raw.toString().getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
        }
    };

    @Bean
    SecurityFilterChain propdeskSecurity(HttpSecurity http, StaffSecurityProperties properties, Environment env,
                                         ObjectProvider<JwtDecoder> jwtDecoder,
                                         ObjectProvider<ExtraEndpoints> extra) throws Exception {
        String service = serviceOf(env);
        List<Access.Endpoint> endpoints = new ArrayList<>(Access.of(service));
        extra.orderedStream().forEach(e -> endpoints.addAll(e.endpoints()));
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.principal("anonymous"))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response, properties.getMode(),
                                e.getMessage()))
                        .accessDeniedHandler((request, response, e) -> forbidden(request, response, endpoints)))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
                    for (Access.Endpoint endpoint : endpoints) {
                        a.requestMatchers(HttpMethod.valueOf(endpoint.method()), endpoint.path())
                                .hasAnyAuthority(authorities(endpoint.roles()));
                    }
                    a.requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
                            "/swagger-ui.html").hasAnyAuthority(authorities(Access.OPERATIONS));
                    // an unknown path is a 404 for a known caller; that every mapped endpoint has its row in the table
                    // is the role-matrix test's first check
                    a.anyRequest().authenticated();
                });
        if (properties.getMode() == StaffSecurityProperties.Mode.DEMO) {
            List<StaffSecurityProperties.User> users = properties.getUsers().isEmpty() ? DemoUsers.all()
                    : properties.getUsers();
            // Demo passwords are documented plain text, so they are compared as such (in constant time). The default
            // encoder would "upgrade" each one to BCrypt on first use and then spend ~100 ms of CPU on every request.
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(
                    new InMemoryUserDetailsManager(users.stream().map(StaffSecurity::userDetails).toList()));
            provider.setPasswordEncoder(DEMO_PASSWORDS);
            http.authenticationManager(new ProviderManager(provider));
            http.httpBasic(b -> b.realmName("propdesk")
                    .authenticationEntryPoint((request, response, e) -> unauthorized(response, properties.getMode(),
                            "wrong or missing credentials")));
        } else {
            JwtDecoder decoder = jwtDecoder.getIfAvailable();
            if (decoder == null) {
                throw new IllegalStateException("propdesk.security.mode=jwt needs the token issuer: set "
                        + "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri or public-key-location);"
                        + " on the embedded default set propdesk.security.mode=demo");
            }
            http.oauth2ResourceServer(o -> o
                    .authenticationEntryPoint((request, response, e) -> unauthorized(response, properties.getMode(),
                            e.getMessage()))
                    .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(new StaffJwtConverter(properties.getJwt()))));
        }
        return http.build();
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
        if (user.getUsername() == null || user.getPassword() == null || user.getPassword().isBlank()) {
            throw new IllegalStateException("propdesk.security.users: every user needs a username and a password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        user.getRoles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        if (user.getDepartment() != null) {
            authorities.add(new SimpleGrantedAuthority(Staff.DEPARTMENT_AUTHORITY + user.getDepartment().name()));
        }
        if (user.getArea() != null) {
            authorities.add(new SimpleGrantedAuthority(Staff.AREA_AUTHORITY + user.getArea()));
        }
        return User.withUsername(user.getUsername()).password(user.getPassword()).authorities(authorities).build();
    }

    private static void unauthorized(HttpServletResponse response, StaffSecurityProperties.Mode mode, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", mode == StaffSecurityProperties.Mode.DEMO
                ? "Basic realm=\"propdesk\"" : "Bearer");
        write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "unauthorized",
                "this endpoint needs credentials" + (detail == null || detail.isBlank() ? "" : ": " + detail), Map.of());
    }

    private static void forbidden(HttpServletRequest request, HttpServletResponse response,
                                  List<Access.Endpoint> endpoints) throws IOException {
        Staff caller = Staff.current();
        String path = request.getRequestURI();
        String needed = endpoints.stream().filter(e -> e.matches(request.getMethod(), path)).findFirst()
                .map(e -> e.roles().stream().map(Role::name).collect(Collectors.joining(", ")))
                .orElse(path.startsWith("/actuator") || path.startsWith("/v3") || path.startsWith("/swagger")
                        ? "ADMIN" : "no role: not an endpoint of this service");
        write(response, HttpStatus.FORBIDDEN, "Forbidden", "forbidden",
                request.getMethod() + " " + path + " needs one of: " + needed + "; " + caller.name() + " has "
                        + (caller.roles().isEmpty() ? "no role" : caller.roles()),
                Map.of("requiredRoles", needed));
    }

    private static void write(HttpServletResponse response, HttpStatus status, String title, String type,
                              String detail, Map<String, Object> properties) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://propdesk.io/problems/" + type));
        properties.forEach(problem::setProperty);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Roles from the configured claim (a list or a space/comma separated string; SUPERVISOR and TEAM_LEADER count as
     * MANAGER), the department and area from theirs; the name from {@code preferred_username}, else {@code sub}.
     */
    static final class StaffJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

        private final StaffSecurityProperties.Jwt claims;

        StaffJwtConverter(StaffSecurityProperties.Jwt claims) {
            this.claims = claims;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            List<GrantedAuthority> authorities = new ArrayList<>();
            for (String raw : roleNames(jwt.getClaim(claims.getRolesClaim()))) {
                String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                if (name.startsWith("ROLE_")) {
                    name = name.substring(5);
                }
                if (name.equals("SUPERVISOR") || name.equals("TEAM_LEADER")) {
                    name = Role.MANAGER.name();
                }
                for (Role role : Role.values()) {
                    if (role.name().equals(name)) {
                        authorities.add(new SimpleGrantedAuthority(role.authority()));
                    }
                }
            }
            String department = jwt.getClaimAsString(claims.getDepartmentClaim());
            if (Staff.departmentOrNull(department) != null) {
                authorities.add(new SimpleGrantedAuthority(Staff.DEPARTMENT_AUTHORITY
                        + Staff.departmentOrNull(department).name()));
            }
            String area = jwt.getClaimAsString(claims.getAreaClaim());
            if (area != null && !area.isBlank()) {
                authorities.add(new SimpleGrantedAuthority(Staff.AREA_AUTHORITY + area));
            }
            String name = jwt.getClaimAsString("preferred_username");
            return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
        }

        private static List<String> roleNames(Object claim) {
            if (claim instanceof Collection<?> values) {
                return values.stream().map(String::valueOf).toList();
            }
            if (claim instanceof String text) {
                return List.of(text.split("[\\s,]+"));
            }
            return List.of();
        }
    }
}
