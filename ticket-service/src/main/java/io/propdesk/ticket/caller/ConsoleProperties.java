package io.propdesk.ticket.caller;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code propdesk.console.*}: where the desk's console is, so a caller lookup can answer the link that opens its
 * intake screen for the caller ({@code <baseUrl>/intake?number=+86…}).
 *
 * @param baseUrl the console's address as the agents' browsers reach it, without a trailing slash
 */
@ConfigurationProperties("propdesk.console")
public record ConsoleProperties(
        @DefaultValue("http://localhost:8080") String baseUrl) {

    public ConsoleProperties {
        baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
    }
}
