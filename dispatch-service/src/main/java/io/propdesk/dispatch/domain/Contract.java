package io.propdesk.dispatch.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.Snapshots;
import java.math.BigDecimal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A monthly cleaning or greening contract (H1): its schedule decides the visits, its fee the statements (H7). */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Contract {

    @AggregateIdentifier
    private String contractId;

    private ContractSigned signed;

    protected Contract() {}

    @CommandHandler
    public Contract(SignContract cmd) {
        checkKindAndDepartment(cmd);
        if (cmd.endDate() != null && cmd.endDate().isBefore(cmd.startDate())) {
            throw new BadRequestException("endDate", "the contract ends before it starts");
        }
        if (cmd.visitDays() == null || cmd.visitDays().isEmpty()) {
            throw new BadRequestException("visitDays", "a contract needs at least one visit day (H1)");
        }
        if (cmd.monthlyFee().amount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new BadRequestException("monthlyFee", "the monthly fee must be positive (P2)");
        }
        if (cmd.priceListVersion() < 1) {
            throw new BadRequestException(
                    "priceListVersion", "name the price-list version the fee was priced from (P2)");
        }
        apply(new ContractSigned(
                cmd.contractId(),
                cmd.customerId(),
                cmd.estateId(),
                cmd.unitId(),
                cmd.kind(),
                cmd.department(),
                cmd.startDate(),
                cmd.endDate(),
                cmd.visitDays(),
                cmd.visitTime(),
                cmd.monthlyFee(),
                cmd.priceListVersion(),
                cmd.stewardId(),
                cmd.pricedBy(),
                cmd.signedAt()));
    }

    /** H1: monthly cleaning goes to Cleaning, monthly greening to Greening. */
    private static void checkKindAndDepartment(SignContract cmd) {
        Department expected = switch (cmd.kind()) {
            case CLEANING_MONTHLY -> Department.CLEANING;
            case GREENING -> Department.GREENING;
            default -> throw new BadRequestException("kind", "a contract is CLEANING_MONTHLY or GREENING (H1)");
        };
        if (cmd.department() != null && cmd.department() != expected) {
            throw new BadRequestException("department", cmd.kind() + " contracts are served by " + expected);
        }
    }

    /** The department that serves a contract of this kind (H1). */
    public static Department departmentOf(TicketKind kind) {
        return kind == TicketKind.GREENING ? Department.GREENING : Department.CLEANING;
    }

    @EventSourcingHandler
    void on(ContractSigned e) {
        contractId = e.contractId();
        signed = e;
    }

    public ContractSigned signed() {
        return signed;
    }
}
