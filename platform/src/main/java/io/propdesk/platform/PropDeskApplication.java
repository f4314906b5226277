package io.propdesk.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** How every PropDesk service starts: its own config file name, so four services can share one classpath. */
public final class PropDeskApplication {

    private PropDeskApplication() {}

    public static ConfigurableApplicationContext run(Class<?> application, String configName, String... args) {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + configName)
                .run(args);
    }
}
