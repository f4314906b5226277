package io.propdesk.dispatch.api;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.dispatch.domain.Contract;
import io.propdesk.dispatch.domain.ContractDesk;
import io.propdesk.dispatch.domain.SignContract;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.web.InWindow;
import io.propdesk.platform.web.ResourceId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Monthly cleaning and greening contracts (H1); their visits are opened ahead of time by the scheduler. */
@RestController
@RequestMapping("/api/contracts")
public class ContractController {

    private final ContractDesk contracts;
    private final Clock clock;

    public ContractController(ContractDesk contracts, Clock clock) {
        this.contracts = contracts;
        this.clock = clock;
    }

    /**
     * @param customerId whom the monthly statement goes to (H7); defaults to the unit
     * @param department defaults to the kind's department
     */
    public record ContractRequest(
            @Size(max = 100) String customerId,
            @NotBlank @ResourceId String estateId,
            @NotBlank @ResourceId String unitId,
            @NotNull TicketKind kind,
            Department department,
            @NotNull @InWindow LocalDate startDate,
            @InWindow LocalDate endDate,
            @NotEmpty Set<DayOfWeek> visitDays,
            @NotNull LocalTime visitTime,
            @NotNull Money monthlyFee,
            @NotNull @Min(1) Integer priceListVersion,
            @Size(max = 100) String stewardId,
            @NotBlank @Size(max = 100) String pricedBy) {}

    @PostMapping
    public ResponseEntity<ContractSigned> sign(@Valid @RequestBody ContractRequest body) {
        String contractId = "C-" + UUID.randomUUID();
        ContractSigned signed = contracts.sign(new SignContract(
                contractId,
                body.customerId() != null ? body.customerId() : body.unitId(),
                body.estateId(),
                body.unitId(),
                body.kind(),
                body.department() != null ? body.department() : Contract.departmentOf(body.kind()),
                body.startDate(),
                body.endDate(),
                body.visitDays(),
                body.visitTime(),
                body.monthlyFee(),
                body.priceListVersion(),
                body.stewardId(),
                body.pricedBy(),
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/contracts/" + contractId))
                .body(signed);
    }

    @GetMapping("/{contractId}")
    public ContractSigned get(@PathVariable String contractId) {
        return contracts.find(contractId).orElseThrow(() -> new NotFoundException("contract", contractId));
    }
}
