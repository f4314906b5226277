package io.propdesk.console.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.console.ConsoleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * jwt mode is the default, as on the services: a console started without the issuer or its client stops at once,
 * naming the setting, instead of serving pages no one can sign in to.
 */
class OidcSettingsTest {

    @Test
    void withoutAnIssuerTheConsoleDoesNotStartAndNamesTheSetting() {
        assertThatThrownBy(() -> start("--propdesk.console.oidc.client-id=console"))
                .rootCause()
                .hasMessageContaining("propdesk.console.oidc.issuer-uri");
    }

    @Test
    void withoutAClientSecretTheConsoleDoesNotStartAndNamesTheSetting() {
        assertThatThrownBy(() -> start(
                        "--propdesk.console.oidc.issuer-uri=http://localhost:1/issuer",
                        "--propdesk.console.oidc.client-id=console"))
                .rootCause()
                .hasMessageContaining("propdesk.console.oidc.client-secret");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        new SpringApplicationBuilder(ConsoleApplication.class)
                .properties("spring.config.name=" + ConsoleApplication.CONFIG_NAME)
                .run(all)
                .close();
    }
}
