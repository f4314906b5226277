package io.propdesk.dispatch.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.domain.Snapshots;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A closed month (H8). Its stream exists only once the month is closed, so "is this month archived" is a single
 * {@code _id} lookup, and closing twice is a duplicate stream.
 */
@Aggregate(snapshotTriggerDefinition = Snapshots.TRIGGER, cache = Snapshots.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Month {

    @AggregateIdentifier
    private String monthId;

    private MonthClosed closed;

    protected Month() {}

    public static String idOf(YearMonth month) {
        return "MONTH-" + month;
    }

    public static String idOf(String month) {
        return "MONTH-" + month;
    }

    /** H8: the month's orders are checked first: every one returned or explained (R11) before it is archived. */
    @CommandHandler
    public Month(CloseMonth cmd) {
        List<String> open = cmd.orders().stream()
                .filter(CloseMonth.MonthOrder::open)
                .map(CloseMonth.MonthOrder::orderId)
                .toList();
        if (!open.isEmpty()) {
            throw new RuleViolationException(
                    "H8",
                    cmd.month() + " cannot close: " + open.size()
                            + " order(s) neither returned nor explained in the complaint book: "
                            + String.join(", ", open));
        }
        int returned = (int) cmd.orders().stream()
                .filter(o -> o.status() == OrderStatus.RETURNED)
                .count();
        int explained = (int)
                cmd.orders().stream().filter(CloseMonth.MonthOrder::explained).count();
        apply(new MonthClosed(
                cmd.month(),
                cmd.orders().size(),
                returned,
                explained,
                cmd.contentHash(),
                cmd.closedBy(),
                cmd.closedAt()));
    }

    @EventSourcingHandler
    void on(MonthClosed e) {
        monthId = idOf(e.month());
        closed = e;
    }

    public MonthClosed closed() {
        return closed;
    }
}
