package io.propdesk.dispatch;

import io.propdesk.platform.PropDeskApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DispatchServiceApplication {

    /** Config lives in {@code dispatch-service.yml}, so the four services can share one classpath in standalone. */
    public static final String CONFIG_NAME = "dispatch-service";

    public static void main(String[] args) {
        PropDeskApplication.run(DispatchServiceApplication.class, CONFIG_NAME, args);
    }
}
