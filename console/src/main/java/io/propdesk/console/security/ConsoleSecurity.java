package io.propdesk.console.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's own security, as strict as the services': a login form (CSRF-protected like every form), the session
 * cookie HttpOnly and SameSite=Lax (console.yml), a Content-Security-Policy that admits only the console's own scripts
 * and styles (no inline script), no framing. The actuator's operational endpoints answer only those whom ticket-service
 * lets read its own (HTTP Basic, no session); health answers everyone.
 */
@Configuration
public class ConsoleSecurity {

    /** Only the console's own files: htmx and ECharts are served from WebJars by the console itself. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        // the one AuthenticationProvider bean, ServiceLogin, is the global one: both chains use it
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(ServiceLogin.OPERATIONS))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable()) // no session, no cookie: nothing to forge
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain screens(HttpSecurity http) throws Exception {
        // an open page's event stream (/live) ends with an async dispatch of a request already authorized, possibly
        // after its session ended (sign-out): not authorized again
        return http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .successHandler(home())
                        .failureHandler(failure())
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
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
