package io.propdesk.callback;

import io.propdesk.platform.PropDeskApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CallbackServiceApplication {

    /** Config lives in {@code callback-service.yml}, so the four services can share one classpath in standalone. */
    public static final String CONFIG_NAME = "callback-service";

    public static void main(String[] args) {
        PropDeskApplication.run(CallbackServiceApplication.class, CONFIG_NAME, args);
    }
}
