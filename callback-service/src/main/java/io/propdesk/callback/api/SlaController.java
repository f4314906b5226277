package io.propdesk.callback.api;

import java.time.Instant;
import java.util.Locale;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.propdesk.callback.query.Compliance;
import io.propdesk.callback.query.Handover;
import io.propdesk.platform.web.BadRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** Compliance analytics over the ledger's recorded outcomes, and the shift handover (C5). */
@RestController
@Validated
@RequestMapping("/api")
public class SlaController {

    private final Compliance compliance;
    private final Handover handover;

    public SlaController(Compliance compliance, Handover handover) {
        this.compliance = compliance;
        this.handover = handover;
    }

    @GetMapping("/sla/compliance")
    public Compliance.Report compliance(@RequestParam Instant from, @RequestParam Instant to,
                                        @RequestParam(defaultValue = "rule") String groupBy) {
        if (!to.isAfter(from)) {
            throw new BadRequestException("to", "must be after from");
        }
        Compliance.GroupBy by;
        try {
            by = Compliance.GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("groupBy", "must be estate, department, steward or rule");
        }
        return compliance.report(from, to, by);
    }

    @GetMapping("/handover")
    public Handover.Summary handover(@RequestParam @NotBlank String estateId) {
        return handover.summary(estateId);
    }

    /** C5: records the handover; the next summary lists the breaches from now on. */
    @PostMapping("/handover")
    public Handover.Summary handOver(@Valid @RequestBody HandoverRequest body) {
        return handover.handOver(body.estateId(), body.handedOverBy());
    }
}
