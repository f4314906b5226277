package io.propdesk.callback.api;

import io.propdesk.callback.analytics.TimeInStatus;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.web.InWindow;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Time in status of tickets and work orders (issue 18): one ticket's, and per group over a period. */
@RestController
@Validated
@RequestMapping("/api/sla/time-in-status")
public class AnalyticsController {

    /** The longest period one report reads: a year, leap day included (it scans the period's items). */
    static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final TimeInStatus timeInStatus;

    public AnalyticsController(TimeInStatus timeInStatus) {
        this.timeInStatus = timeInStatus;
    }

    @GetMapping("/{ticketId}")
    public TimeInStatus.TicketTimes ticket(@PathVariable String ticketId) {
        return timeInStatus.ticket(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
    }

    @GetMapping
    public TimeInStatus.Report report(
            @Parameter(description = "start of the period (inclusive): items that entered a status at or after it")
                    @RequestParam
                    @InWindow
                    Instant from,
            @Parameter(description = "end of the period (exclusive); at most 366 days after from")
                    @RequestParam
                    @InWindow
                    Instant to,
            @Parameter(description = "estate (the default), department or kind") @RequestParam(defaultValue = "estate")
                    String groupBy,
            @Parameter(description = "ticket (the default) or order") @RequestParam(defaultValue = "ticket")
                    String item) {
        if (!to.isAfter(from)) {
            throw new BadRequestException("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw new BadRequestException("to", "a time-in-status report covers at most 366 days from from");
        }
        return timeInStatus.report(from, to, groupBy(groupBy), item(item));
    }

    private static TimeInStatus.GroupBy groupBy(String groupBy) {
        try {
            return TimeInStatus.GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("groupBy", "must be estate, department or kind");
        }
    }

    private static TimeInStatus.Item item(String item) {
        try {
            return TimeInStatus.Item.valueOf(item.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("item", "must be ticket or order");
        }
    }
}
