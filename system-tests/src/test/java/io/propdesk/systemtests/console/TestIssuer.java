package io.propdesk.systemtests.console;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider for the console's jwt mode (issue 17): Spring Authorization Server on a free port,
 * with its own login page, people whose roles are in a nested claim ({@value #ROLES_CLAIM}, as Keycloak writes them),
 * access tokens for the audience {@value #AUDIENCE} that the services check, short-lived so the console has to
 * refresh them, and RP-initiated logout. A setup client (client credentials, ADMIN) stands in for the administrator
 * who configures the estate.
 */
final class TestIssuer implements AutoCloseable {

    static final String AUDIENCE = "propdesk";
    static final String ROLES_CLAIM = "realm_access.roles";
    static final String CONSOLE_CLIENT = "propdesk-console";
    static final String CONSOLE_SECRET = "console-" + UUID.randomUUID();

    /** Shorter than the console's refresh margin (60 s): every call for a person uses a refreshed token. */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(30);

    private static final String SETUP_CLIENT = "propdesk-setup";
    private static final String SETUP_SECRET = "setup-" + UUID.randomUUID();

    /** A person at the issuer: user name, password, roles as the issuer writes them, department (or null). */
    record Person(String username, String password, List<String> roles, String department) {}

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private TestIssuer(ConfigurableApplicationContext context) {
        this.context = context;
        this.issuer = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    static TestIssuer start(List<Person> people) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .initializers(c -> c.getBeanFactory().registerSingleton("people", new People(people)))
                .properties("spring.config.name=propdesk-test-issuer", "server.port=0")
                .run();
        return new TestIssuer(context);
    }

    String issuer() {
        return issuer;
    }

    /** Registers the console as a confidential client: code flow with PKCE, refresh tokens, its logout return. */
    void registerConsole(String consoleUrl) {
        context.getBean(InMemoryRegisteredClientRepository.class)
                .save(RegisteredClient.withId(UUID.randomUUID().toString())
                        .clientId(CONSOLE_CLIENT)
                        .clientSecret("{noop}" + CONSOLE_SECRET)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                        .redirectUri(consoleUrl + "/login/oauth2/code/propdesk")
                        .postLogoutRedirectUri(consoleUrl + "/login?logout")
                        .scope(OidcScopes.OPENID)
                        .scope(OidcScopes.PROFILE)
                        .clientSettings(ClientSettings.builder()
                                .requireProofKey(true)
                                .requireAuthorizationConsent(false)
                                .build())
                        .tokenSettings(TokenSettings.builder()
                                .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                                .refreshTokenTimeToLive(Duration.ofHours(1))
                                .build())
                        .build());
    }

    /** How many access tokens the issuer gave for a refresh token. */
    int refreshes() {
        return context.getBean(People.class).refreshes.get();
    }

    /** An ADMIN token of the setup client (client credentials), e.g. to configure the estate as an administrator. */
    String adminToken() {
        String basic = Base64.getEncoder()
                .encodeToString((SETUP_CLIENT + ":" + SETUP_SECRET).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                                    .header("Authorization", "Basic " + basic)
                                    .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Matcher token =
                    Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
            if (answer.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("no token from " + issuer + ": " + answer.statusCode());
            }
            return token.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** The people, and what the issuer counts. */
    static final class People {
        final List<Person> all;
        final AtomicInteger refreshes = new AtomicInteger();

        People(List<Person> all) {
            this.all = List.copyOf(all);
        }

        Person named(String username) {
            return all.stream()
                    .filter(p -> p.username().equals(username))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Only what an authorization server needs: no auto-configuration of the services' shared classpath. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class})
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, s -> s.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .exceptionHandling(x -> x.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    // the user info endpoint takes the access token
                    .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()));
            return http.build();
        }

        /** The issuer's own login page (Spring Security's generated form). */
        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        /** The issuer's sessions, so RP-initiated logout can end the one its ID token names ({@code sid}). */
        @Bean
        SessionRegistry sessionRegistry() {
            return new SessionRegistryImpl();
        }

        @Bean
        HttpSessionEventPublisher sessionEvents() {
            return new HttpSessionEventPublisher();
        }

        @Bean
        UserDetailsService users(People people) {
            return new InMemoryUserDetailsManager(people.all.stream()
                    .map(p -> User.withUsername(p.username())
                            .password("{noop}" + p.password())
                            .roles("USER")
                            .build())
                    .toList());
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(
                    RegisteredClient.withId(UUID.randomUUID().toString())
                            .clientId(SETUP_CLIENT)
                            .clientSecret("{noop}" + SETUP_SECRET)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .build());
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        /** The issuer is the address it was asked at: http://localhost:port. */
        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        /**
         * Access tokens name the services' audience and carry the person's roles, department and name as the services
         * read them; the setup client's token is an administrator's.
         */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims(People people) {
            return context -> {
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    return;
                }
                if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())) {
                    people.refreshes.incrementAndGet();
                }
                List<String> roles = new ArrayList<>();
                if (context.getPrincipal() instanceof OAuth2ClientAuthenticationToken) {
                    roles.add("ADMIN");
                    context.getClaims().claim("preferred_username", SETUP_CLIENT);
                } else {
                    Person person = people.named(context.getPrincipal().getName());
                    if (person != null) {
                        roles.addAll(person.roles());
                        context.getClaims().claim("preferred_username", person.username());
                        if (person.department() != null) {
                            context.getClaims().claim("department", person.department());
                        }
                    }
                }
                context.getClaims()
                        .audience(
                                List.of(AUDIENCE, context.getRegisteredClient().getClientId()));
                context.getClaims().claim("realm_access", Map.of("roles", roles));
            };
        }
    }
}
