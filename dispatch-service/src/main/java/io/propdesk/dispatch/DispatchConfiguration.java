package io.propdesk.dispatch;

import io.propdesk.dispatch.domain.ContractVisitScheduler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Typed settings, and the contract-visit scan on the configured interval (H1). */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(DispatchProperties.class)
public class DispatchConfiguration implements SchedulingConfigurer {

    private final ContractVisitScheduler visits;
    private final DispatchProperties properties;

    public DispatchConfiguration(ContractVisitScheduler visits, DispatchProperties properties) {
        this.visits = visits;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(visits::openDueVisits, properties.visitScanInterval());
    }
}
