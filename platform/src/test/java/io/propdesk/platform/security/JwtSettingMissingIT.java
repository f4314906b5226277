package io.propdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.testapp.CounterApp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 15 item 19 (and 15): a service started in jwt mode without its issuer or its audience stops with one clear
 * report naming the Spring property and the environment variable compose sets, not a wall of stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtSettingMissingIT {

    /** The start of a log event in Spring Boot's console pattern and in Logback's own: a time of day first. */
    private static final Pattern EVENT_START = Pattern.compile("^\\d{2,4}[-:]\\d\\d.*");

    private static void start(String... args) {
        new SpringApplicationBuilder(CounterApp.class)
                .initializers(new SharedInfrastructureInitializer())
                .run(args);
    }

    @Test
    void jwtModeWithoutAnIssuerStopsNamingThePropertyAndTheEnvironmentVariable_issue15_item19(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "--server.port=0",
                        "--spring.data.mongodb.database=jwt_missing_it",
                        "--propdesk.security.mode=jwt",
                        "--propdesk.security.jwt.audience=propdesk"))
                .hasRootCauseInstanceOf(JwtSettingMissingException.class);
        assertThat(loggedOnThisThread(output))
                .contains("APPLICATION FAILED TO START")
                .contains("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")
                .doesNotContain("\tat org.springframework")
                .doesNotContain("Application run failed");
    }

    @Test
    void jwtModeWithoutAnAudienceStopsNamingThePropertyAndTheEnvironmentVariable_issue15_item15(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "--server.port=0",
                        "--spring.data.mongodb.database=jwt_missing_it",
                        "--propdesk.security.mode=jwt",
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks"))
                .hasRootCauseInstanceOf(JwtSettingMissingException.class);
        assertThat(loggedOnThisThread(output))
                .contains("APPLICATION FAILED TO START")
                .contains("propdesk.security.jwt.audience")
                .contains("PROPDESK_SECURITY_JWT_AUDIENCE")
                .doesNotContain("\tat org.springframework");
    }

    /**
     * The log events the failed start wrote, each with the lines that follow it (a multi-line report, a stack trace).
     * The capture holds the whole JVM's output, and other tests' contexts in this JVM may still be running listener
     * containers that log their own stack traces meanwhile; only the events of the thread that started the service say
     * what the start printed.
     */
    private static String loggedOnThisThread(CapturedOutput output) {
        String name = Thread.currentThread().getName();
        Pattern thisThread =
                Pattern.compile("\\[\\s*" + Pattern.quote(name.substring(Math.max(0, name.length() - 15))) + "\\]");
        List<String> kept = new ArrayList<>();
        boolean keeping = false;
        for (String line : output.getAll().split("\\R")) {
            if (EVENT_START.matcher(line).matches()) {
                keeping = thisThread.matcher(line).find();
            }
            if (keeping) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }
}
