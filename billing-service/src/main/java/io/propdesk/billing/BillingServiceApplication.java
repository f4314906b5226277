package io.propdesk.billing;

import io.propdesk.platform.PropDeskApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BillingServiceApplication {

    /** Config lives in {@code billing-service.yml}, so the four services can share one classpath in standalone. */
    public static final String CONFIG_NAME = "billing-service";

    public static void main(String[] args) {
        PropDeskApplication.run(BillingServiceApplication.class, CONFIG_NAME, args);
    }
}
