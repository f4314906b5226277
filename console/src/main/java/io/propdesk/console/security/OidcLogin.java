package io.propdesk.console.security;

import io.propdesk.console.services.ServiceApi;
import java.net.URI;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizationCodeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * jwt mode's sign-in (the default, {@code propdesk.security.mode=jwt}): the console is an OpenID Connect client of
 * the issuer the services trust (authorization code with PKCE). The person's tokens live only in their server-side
 * session ({@link HttpSessionOAuth2AuthorizedClientRepository}); every call to a service carries their access token
 * ({@link AccessTokens}), refreshed when expired. The console's own client may use no grant that would give it a
 * token of its own (no client credentials): it holds no super-user credential.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "propdesk.security", name = "mode", havingValue = "jwt", matchIfMissing = true)
public class OidcLogin {

    /** The console's one client registration; its callback is {@code /login/oauth2/code/propdesk}. */
    public static final String REGISTRATION = "propdesk";

    /** Where the browser goes to sign in: Spring's redirect to the issuer's authorization endpoint. */
    public static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;

    /**
     * Read from the issuer's discovery document at start ({@code /.well-known/openid-configuration}): the console does
     * not start without the issuer, as the services do not.
     */
    @Bean
    ClientRegistrationRepository clientRegistrations(OidcProperties oidc) {
        oidc.requireComplete();
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(
                        oidc.issuerUri().toString())
                .registrationId(REGISTRATION)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(oidc.scopes())
                .clientSettings(ClientRegistration.ClientSettings.builder()
                        .requireProofKey(true)
                        .build())
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /** The person's tokens: in their HTTP session, nowhere else; they end with it. */
    @Bean
    OAuth2AuthorizedClientRepository sessionTokens() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * A refresh announces itself ({@code OAuth2AuthorizedClientRefreshedEvent}): Spring's OAuth2 login then reads the
     * person again from the new ID token and access token with {@link OidcPeople} (their roles as the new token names
     * them) and keeps the new ID token in the session, the one RP-initiated logout names.
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository sessionTokens,
            Clock clock,
            ApplicationEventPublisher events) {
        RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
        refresh.setClock(clock);
        refresh.setApplicationEventPublisher(events);
        OAuth2AuthorizedClientProvider provider = new DelegatingOAuth2AuthorizedClientProvider(
                new AuthorizationCodeOAuth2AuthorizedClientProvider(), refresh);
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(registrations, sessionTokens);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }

    @Bean
    AccessTokens accessTokens(OAuth2AuthorizedClientManager authorizedClients, Clock clock) {
        return new AccessTokens(authorizedClients, clock);
    }

    /** The access token's signature, issuer and lifetime, checked with the issuer's published keys. */
    @Bean
    OidcPeople oidcPeople(ClientRegistrationRepository registrations, PersonSecurityProperties security) {
        ClientRegistration registration = registrations.findByRegistrationId(REGISTRATION);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        registration.getProviderDetails().getJwkSetUri())
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(
                registration.getProviderDetails().getIssuerUri()));
        JwtDecoder accessTokens = decoder;
        return new OidcPeople(accessTokens, security.jwt().rolesClaim());
    }

    /**
     * RP-initiated logout: after the console's session ends, the browser is sent to the issuer's
     * {@code end_session_endpoint} (when its discovery document names one) and back to the console's login page.
     */
    @Bean
    OidcLogout oidcLogout(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        handler.setDefaultTargetUrl("/login?logout");
        return new OidcLogout(handler);
    }

    /**
     * The origin ({@code scheme://host:port}) of the issuer's {@code end_session_endpoint}, where the sign-out form's
     * redirect leads; null when the issuer offers none.
     */
    static String logoutOrigin(ClientRegistrationRepository registrations) {
        Object endpoint = registrations
                .findByRegistrationId(REGISTRATION)
                .getProviderDetails()
                .getConfigurationMetadata()
                .get("end_session_endpoint");
        if (endpoint == null) {
            return null;
        }
        URI uri = URI.create(endpoint.toString());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The logout success handler of jwt mode, as its own type so demo mode's chain never picks it up. */
    public record OidcLogout(LogoutSuccessHandler handler) {}

    /** Operational endpoints: a bearer token that ticket-service lets read its own (ticket-service checks it). */
    @Bean
    OperationsTokens operationsTokens(ServiceApi services) {
        return new OperationsTokens(services);
    }
}
