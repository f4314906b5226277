package io.propdesk.dispatch.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.domain.RuleViolationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** The monthly registers by customer (H7) and the month close that archives them (H8). */
@Service
public class MonthClosing {

    /** The last time zone to leave a month: once it has, the month is over on every estate. */
    private static final ZoneOffset LAST_ZONE = ZoneOffset.ofHours(-12);

    private final CommandGateway commands;
    private final Repository<Month> monthRepository;
    private final AggregateReads reads;
    private final EventStorageEngine store;
    private final MonthIndex index;
    private final OrderDesk desk;
    private final ClosedMonths closedMonths;
    private final Clock clock;

    public MonthClosing(
            CommandGateway commands,
            Repository<Month> monthRepository,
            AggregateReads reads,
            EventStorageEngine store,
            MonthIndex index,
            OrderDesk desk,
            ClosedMonths closedMonths,
            Clock clock) {
        this.commands = commands;
        this.monthRepository = monthRepository;
        this.reads = reads;
        this.store = store;
        this.index = index;
        this.desk = desk;
        this.closedMonths = closedMonths;
        this.clock = clock;
    }

    public record RegisterLine(
            String orderId,
            String ticketId,
            String contractId,
            OrderStatus status,
            boolean paid,
            Instant serviceTime,
            Instant dispatchedAt,
            Instant returnedAt,
            boolean late,
            boolean explained) {}

    public record CustomerOrders(String customerId, List<RegisterLine> orders) {}

    public record Register(Department department, String month, boolean closed, List<CustomerOrders> customers) {}

    /** H7: the department's orders of the month, filed by customer (a contract's customer, or the owner's unit). */
    public Register register(Department department, YearMonth month) {
        Map<String, List<RegisterLine>> byCustomer = new TreeMap<>();
        for (WorkOrderView o : ordersOf(month)) {
            WorkOrderView.Job job = o.job();
            if (job.department() != department) {
                continue;
            }
            byCustomer
                    .computeIfAbsent(job.customerId(), c -> new ArrayList<>())
                    .add(new RegisterLine(
                            o.orderId(),
                            o.ticketId(),
                            job.contractId(),
                            o.status(),
                            job.paid(),
                            job.serviceTime(),
                            o.progress().dispatchedAt(),
                            o.progress().returnedAt(),
                            o.timeliness().late(),
                            o.timeliness().explained()));
        }
        List<CustomerOrders> customers = byCustomer.entrySet().stream()
                .map(e -> new CustomerOrders(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        return new Register(department, month.toString(), closedMonths.isClosed(month.toString()), customers);
    }

    /** H8: checks the month's orders and archives them with a hash over their events, or says which are open. */
    public MonthClosed close(YearMonth month, String closedBy) {
        Instant now = clock.instant();
        if (now.isBefore(month.plusMonths(1).atDay(1).atStartOfDay(LAST_ZONE).toInstant())) {
            throw new RuleViolationException("H8", month + " is not over yet on every estate; close it afterwards");
        }
        if (closedMonths.isClosed(month.toString())) {
            throw new RuleViolationException("H8", month + " is already closed and archived");
        }
        List<WorkOrderView> orders = ordersOf(month);
        List<CloseMonth.MonthOrder> lines = orders.stream()
                .map(o -> new CloseMonth.MonthOrder(
                        o.orderId(),
                        o.status(),
                        o.timeliness().late(),
                        o.timeliness().explained()))
                .toList();
        String hash = contentHash(orders.stream().map(WorkOrderView::orderId).toList());
        try {
            commands.sendAndWait(new CloseMonth(Month.idOf(month), month, lines, hash, closedBy, now));
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            throw new RuleViolationException("H8", month + " was closed by someone else at the same moment");
        }
        return closed(month).orElseThrow();
    }

    public Optional<MonthClosed> closed(YearMonth month) {
        return reads.read(monthRepository, Month.idOf(month), Month::closed);
    }

    private List<WorkOrderView> ordersOf(YearMonth month) {
        List<WorkOrderView> orders = new ArrayList<>();
        for (String orderId : index.orderIds(month.toString())) {
            desk.find(orderId)
                    .filter(o -> month.toString().equals(o.job().month()))
                    .ifPresent(orders::add);
        }
        return orders;
    }

    /**
     * H8: SHA-256 over every event of the month's orders, orders by id and each order's events in sequence, each as
     * order id, sequence, payload type and payload JSON; recomputing it later shows whether history was changed.
     */
    String contentHash(List<String> orderIds) {
        MessageDigest digest = sha256();
        for (String orderId : orderIds) {
            DomainEventStream events = store.readEvents(orderId, 0);
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                digest.update((orderId + "|" + event.getSequenceNumber() + "|"
                                + event.getPayloadType().getName() + "|")
                        .getBytes(StandardCharsets.UTF_8));
                digest.update(CloudEventCodec.toJson(event.getPayload()));
                digest.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
