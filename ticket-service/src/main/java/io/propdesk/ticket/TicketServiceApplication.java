package io.propdesk.ticket;

import io.propdesk.platform.PropDeskApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TicketServiceApplication {

    /** Config lives in {@code ticket-service.yml}, so the four services can share one classpath in standalone. */
    public static final String CONFIG_NAME = "ticket-service";

    public static void main(String[] args) {
        PropDeskApplication.run(TicketServiceApplication.class, CONFIG_NAME, args);
    }
}
