package io.propdesk.platform.security;

/**
 * jwt mode lacks a setting it cannot run without (issuer, audience). It names the Spring property and the
 * environment variable an operator sets, and {@link JwtSettingFailureAnalyzer} turns it into the start-up report
 * instead of a stack trace.
 */
public class JwtSettingMissingException extends IllegalStateException {

    private final String property;
    private final String environmentVariable;
    private final String hint;

    JwtSettingMissingException(String property, String environmentVariable, String hint) {
        super("propdesk.security.mode=jwt needs " + property + " (environment variable " + environmentVariable + ")");
        this.property = property;
        this.environmentVariable = environmentVariable;
        this.hint = hint;
    }

    static JwtSettingMissingException issuer() {
        return new JwtSettingMissingException(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "the issuer whose tokens the service accepts; docker-compose.yml fills it from PROPDESK_JWT_ISSUER_URI"
                        + " (or set jwk-set-uri or public-key-location instead; on the embedded default set"
                        + " propdesk.security.mode=demo)");
    }

    static JwtSettingMissingException audience() {
        return new JwtSettingMissingException(
                "propdesk.security.jwt.audience",
                "PROPDESK_SECURITY_JWT_AUDIENCE",
                "the audience (aud) the issuer puts in tokens meant for PropDesk; tokens for other audiences are"
                        + " refused");
    }

    public String property() {
        return property;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String hint() {
        return hint;
    }
}
