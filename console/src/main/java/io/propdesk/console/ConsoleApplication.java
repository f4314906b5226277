package io.propdesk.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The front-desk console: server-rendered screens for the desk, stewards, departments and managers. It keeps no data of
 * its own; every page is read from, and every action sent to, the four services' public REST APIs as the signed-in
 * person.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    /** Config lives in {@code console.yml}, so the console shares one classpath with the services in standalone. */
    public static final String CONFIG_NAME = "console";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ConsoleApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
