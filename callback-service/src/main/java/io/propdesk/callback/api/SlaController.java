package io.propdesk.callback.api;

import io.propdesk.callback.facts.SlaFactsRebuild;
import io.propdesk.callback.query.Compliance;
import io.propdesk.callback.query.Handover;
import io.propdesk.callback.query.WhatIf;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.web.InWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compliance analytics over the ledger's recorded outcomes and their what-if, and the shift handover (C5). */
@RestController
@Validated
@RequestMapping("/api")
public class SlaController {

    /** The longest period a what-if replays: a year, leap day included. */
    static final Duration LONGEST_WHAT_IF = Duration.ofDays(366);

    private final Compliance compliance;
    private final Handover handover;
    private final WhatIf whatIf;
    private final SlaFactsRebuild factsRebuild;

    public SlaController(Compliance compliance, Handover handover, WhatIf whatIf, SlaFactsRebuild factsRebuild) {
        this.compliance = compliance;
        this.handover = handover;
        this.whatIf = whatIf;
        this.factsRebuild = factsRebuild;
    }

    @GetMapping("/sla/compliance")
    public Compliance.Report compliance(
            @RequestParam @InWindow Instant from,
            @RequestParam @InWindow Instant to,
            @RequestParam(defaultValue = "rule") String groupBy,
            @RequestParam(defaultValue = "ever") String breached) {
        checkPeriod(from, to);
        return compliance.report(from, to, groupBy(groupBy), breached(breached));
    }

    /** Issue 18 item 4: ever (a breach stays, the default) or now (a late fulfilment counts as met). */
    private static Compliance.Breached breached(String breached) {
        try {
            return Compliance.Breached.valueOf(breached.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("breached", "must be ever or now");
        }
    }

    /**
     * The compliance figures of a period recomputed from the recorded facts under other rules, beside the recorded
     * ones; nothing recorded changes (ARCHITECTURE.md, SLA obligations).
     */
    @PostMapping("/sla/what-if")
    public WhatIf.Report whatIf(@Valid @RequestBody WhatIfRequest body) {
        checkPeriod(body.from(), body.to());
        if (Duration.between(body.from(), body.to()).compareTo(LONGEST_WHAT_IF) > 0) {
            throw new BadRequestException("to", "a what-if covers at most 366 days from from");
        }
        Compliance.GroupBy by = groupBy(body.groupBy() == null ? "rule" : body.groupBy());
        Map<String, WhatIf.EstateRules> estates = new HashMap<>();
        if (body.estates() != null) {
            body.estates().forEach((estateId, rules) -> {
                String field = "estates." + estateId;
                if (rules == null) {
                    throw new BadRequestException(field, "must be an object");
                }
                if (rules.workdayStart() != null
                        && rules.workdayEnd() != null
                        && !rules.workdayEnd().isAfter(rules.workdayStart())) {
                    throw new BadRequestException(field + ".workdayEnd", "the working day must end after it starts");
                }
                if (rules.workingDays() != null && rules.workingDays().isEmpty()) {
                    throw new BadRequestException(field + ".workingDays", "needs at least one working day");
                }
                estates.put(
                        estateId,
                        new WhatIf.EstateRules(
                                replyEvery(field + ".replyEveryHours", rules.replyEveryHours()),
                                rules.replyClock(),
                                rules.workdayStart(),
                                rules.workdayEnd(),
                                rules.workingDays()));
            });
        }
        return whatIf.report(
                body.from(),
                body.to(),
                by,
                new WhatIf.Rules(
                        replyEvery("replyEveryHours", body.replyEveryHours()),
                        body.replyClock(),
                        body.callbackDue(),
                        estates));
    }

    private static void checkPeriod(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new BadRequestException("to", "must be after from");
        }
    }

    private static Compliance.GroupBy groupBy(String groupBy) {
        try {
            return Compliance.GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("groupBy", "must be estate, department, steward or rule");
        }
    }

    /** R4: a reply window is 1 to 24 hours. */
    private static Duration replyEvery(String field, Integer hours) {
        if (hours == null) {
            return null;
        }
        if (hours < 1 || hours > 24) {
            throw new BadRequestException(field, "must be between 1 and 24 hours");
        }
        return Duration.ofHours(hours);
    }

    /**
     * Issue 18 item 6: replays the ledger's history ({@code propdesk.callback.events} from its start) into the fresh
     * topic named, as the warehouse feed's rows; ADMIN only. Answers when every row is acknowledged.
     */
    @PostMapping("/sla/facts/rebuild")
    public SlaFactsRebuild.Result rebuildFacts(@RequestParam @NotBlank String topic) {
        return factsRebuild.rebuild(topic);
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
