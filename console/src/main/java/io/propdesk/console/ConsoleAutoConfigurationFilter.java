package io.propdesk.console;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps the console and the services apart when they share one classpath (standalone, the system tests): the
 * console's context gets none of the services' plumbing (event store, Axon, MongoDB, Kafka, their security and API
 * documents), and a service's context gets none of the console's view machinery (Thymeleaf). A context is the
 * console's when its config name is {@value ConsoleApplication#CONFIG_NAME}.
 */
public class ConsoleAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    /** What a service needs and the console must not start: it is not an event-sourced service. */
    static final List<String> SERVICE_ONLY = List.of(
            "io.propdesk.platform.",
            "org.axonframework.",
            "org.springdoc.",
            "org.springframework.boot.autoconfigure.mongo.",
            "org.springframework.boot.autoconfigure.data.mongo.",
            "org.springframework.boot.autoconfigure.kafka.",
            "org.springframework.boot.actuate.autoconfigure.kafka.",
            "org.springframework.boot.actuate.autoconfigure.data.mongo.",
            "org.springframework.boot.actuate.autoconfigure.mongo.",
            "org.springframework.boot.autoconfigure.security.oauth2.resource.");

    /** What only the console uses. */
    static final List<String> CONSOLE_ONLY = List.of("org.springframework.boot.autoconfigure.thymeleaf.");

    private boolean console;

    @Override
    public void setEnvironment(Environment environment) {
        this.console = ConsoleApplication.CONFIG_NAME.equals(environment.getProperty("spring.config.name"));
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        List<String> excluded = console ? SERVICE_ONLY : CONSOLE_ONLY;
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            match[i] = name == null || excluded.stream().noneMatch(name::startsWith);
        }
        return match;
    }
}
