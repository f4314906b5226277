package io.propdesk.dispatch.domain;

import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.dispatch.DispatchProperties;
import io.propdesk.dispatch.query.ContractSchedule;
import io.propdesk.platform.calendar.EstateCalendars;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens contract visit orders ahead of time (H1, H6): on every scan, each contract's visits that came within the
 * horizon get their order. Progress is remembered per contract after the orders exist; if that is lost, the
 * deterministic order ids make the next scan find the orders instead of opening them twice.
 */
@Component
public class ContractVisitScheduler {

    public static final String SCHEDULED_BY = "contract-scheduler";
    private static final Logger log = LoggerFactory.getLogger(ContractVisitScheduler.class);

    private final ContractSchedule contracts;
    private final ContractDesk contractDesk;
    private final OrderDesk desk;
    private final EstateCalendars estates;
    private final DispatchProperties properties;
    private final Clock clock;

    /** A signed contract never changes, so each is read from its stream once. */
    private final Map<String, ContractSigned> signed = new ConcurrentHashMap<>();

    public ContractVisitScheduler(
            ContractSchedule contracts,
            ContractDesk contractDesk,
            OrderDesk desk,
            EstateCalendars estates,
            DispatchProperties properties,
            Clock clock) {
        this.contracts = contracts;
        this.contractDesk = contractDesk;
        this.desk = desk;
        this.estates = estates;
        this.properties = properties;
        this.clock = clock;
    }

    public void openDueVisits() {
        Instant now = clock.instant();
        for (ContractSchedule.Entry entry : contracts.all()) {
            try {
                Optional<ContractSigned> contract = contract(entry.contractId());
                if (contract.isPresent()) {
                    openDueVisits(contract.get(), entry.openedThrough(), now);
                }
            } catch (RuntimeException e) {
                // One contract's trouble must not hold up the other contracts' visits; the next scan retries.
                log.warn("could not open the visits of contract {}: {}", entry.contractId(), e.toString());
            }
        }
    }

    private Optional<ContractSigned> contract(String contractId) {
        ContractSigned known = signed.get(contractId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ContractSigned> found = contractDesk.find(contractId);
        found.ifPresent(c -> signed.put(contractId, c));
        return found;
    }

    private void openDueVisits(ContractSigned contract, Instant openedThrough, Instant now) {
        for (ContractVisits.Visit visit : ContractVisits.due(
                contract,
                estates.calendar(contract.estateId()).zone(),
                openedThrough,
                now,
                properties.visitHorizon())) {
            desk.openVisit(contract, visit);
            contracts.markOpened(contract.contractId(), visit.serviceTime());
        }
    }
}
