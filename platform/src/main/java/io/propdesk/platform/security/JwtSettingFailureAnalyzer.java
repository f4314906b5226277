package io.propdesk.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A service started in jwt mode without its issuer (or audience) says so in one line, naming the
 * Spring property and the environment variable, and exits; Spring Boot prints an analysed failure without the stack
 * trace.
 */
public class JwtSettingFailureAnalyzer extends AbstractFailureAnalyzer<JwtSettingMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JwtSettingMissingException cause) {
        return new FailureAnalysis(
                cause.getMessage() + ": set it to " + cause.hint() + ".",
                "Set the environment variable " + cause.environmentVariable() + " (Spring property " + cause.property()
                        + ") and start again.",
                cause);
    }
}
