package io.propdesk.standalone;

import io.propdesk.billing.BillingServiceApplication;
import io.propdesk.callback.CallbackServiceApplication;
import io.propdesk.dispatch.DispatchServiceApplication;
import io.propdesk.ticket.TicketServiceApplication;
import java.util.List;

/** One of the four services: its application class, its config file name and its usual port. */
record ServiceSpec(String name, Class<?> application, String configName, int defaultPort) {

    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("ticket", TicketServiceApplication.class, TicketServiceApplication.CONFIG_NAME, 8081),
            new ServiceSpec("dispatch", DispatchServiceApplication.class, DispatchServiceApplication.CONFIG_NAME, 8082),
            new ServiceSpec("callback", CallbackServiceApplication.class, CallbackServiceApplication.CONFIG_NAME, 8083),
            new ServiceSpec("billing", BillingServiceApplication.class, BillingServiceApplication.CONFIG_NAME, 8084));

    static ServiceSpec named(String name) {
        for (ServiceSpec spec : ALL) {
            if (spec.name.equals(name)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("no service named '" + name + "' (ticket, dispatch, callback, billing)");
    }
}
