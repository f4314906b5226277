package io.propdesk.callback;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.propdesk.callback.domain.DueTimes;
import io.propdesk.callback.query.OpenObligations;
import io.propdesk.platform.calendar.EstateCalendars;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The follow-up desk's wiring: due times on the estates' calendars and the deadline ticker's schedule. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(CallbackProperties.class)
public class CallbackConfiguration {

    /** Resolved by the ledger's command handlers as a parameter, so the aggregate computes due times on calendars. */
    @Bean
    DueTimes dueTimes(EstateCalendars estates, CallbackProperties properties) {
        return new DueTimes(estates::calendar, estates::paidReturnHours, properties);
    }

    /** W1: how many open obligations are at risk of a breach now (announced, not yet closed). */
    @Bean
    MeterBinder obligationsAtRisk(OpenObligations open) {
        return registry -> Gauge.builder("propdesk.obligations.at.risk", open, OpenObligations::atRiskNow)
                .description("open obligations announced at risk of a breach (W1)")
                .register(registry);
    }
}
