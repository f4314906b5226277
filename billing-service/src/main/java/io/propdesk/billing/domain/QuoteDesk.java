package io.propdesk.billing.domain;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.contracts.billing.QuoteIssued;
import io.propdesk.platform.axon.AggregateReads;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/**
 * Prices and issues quotes for paid work and records the owner's answer (R7, P2). Lines are priced from the
 * department's price-list version in force on the day, in the estate's zone, or on site with their own unit price;
 * the quote keeps the prices it was issued with, whatever the list does later.
 */
@Service
public class QuoteDesk {

    private final CommandGateway commands;
    private final Repository<Order> orders;
    private final AggregateReads reads;
    private final PriceLists priceLists;
    private final Clock clock;

    public QuoteDesk(
            CommandGateway commands,
            Repository<Order> orders,
            AggregateReads reads,
            PriceLists priceLists,
            Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.reads = reads;
        this.priceLists = priceLists;
        this.clock = clock;
    }

    /** A line as requested: a price-list item code, or a description with a unit price agreed on site. */
    public record Line(String itemCode, String description, int quantity, Money unitPrice) {}

    public QuoteView issue(
            String ticketId,
            String orderId,
            Department department,
            List<Line> lines,
            String stewardId,
            String professionalId) {
        OrderView order = order(orderId)
                .orElseThrow(
                        () -> new RuleViolationException(
                                "R7",
                                "order " + orderId
                                        + " is not known to billing as a dispatched order; only a dispatched paid order can be quoted"));
        if (!order.paid()) {
            throw new RuleViolationException("R7", "order " + orderId + " is free work: it needs no quote");
        }
        if (order.department() != department) {
            throw new BadRequestException("department", "order " + orderId + " went to " + order.department());
        }
        // the estate's own date: a version takes effect on its day in each estate's zone (P1, P2)
        LocalDate today = priceLists.today(order.estateId());
        PriceListPublished list = priceLists
                .inForceOn(department, today)
                .orElseThrow(() -> new RuleViolationException(
                        "P1",
                        "no " + department + " price list is in force on " + today + " (the date in estate "
                                + order.estateId() + "); publish one first"));
        List<QuoteIssued.Line> priced = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            priced.add(price(lines.get(i), "lines[" + i + "]", list));
        }
        Money total = priced.stream().map(QuoteIssued.Line::amount).reduce(Money.zero(Money.CNY), Money::plus);
        String quoteId = commands.sendAndWait(new IssueQuote(
                orderId,
                ticketId,
                department,
                list.version(),
                priced,
                total,
                stewardId,
                professionalId,
                clock.instant()));
        return find(quoteId).orElseThrow();
    }

    private static QuoteIssued.Line price(Line line, String field, PriceListPublished list) {
        if (line.itemCode() != null) {
            if (line.unitPrice() != null) {
                throw new BadRequestException(
                        field + ".unitPrice",
                        "a price-list line takes the list's price (P2); "
                                + "leave unitPrice out, or leave itemCode out for a line priced on site");
            }
            PriceListPublished.Item item = list.items().stream()
                    .filter(it -> it.code().equals(line.itemCode()))
                    .findFirst()
                    .orElseThrow(() -> new BadRequestException(
                            field + ".itemCode",
                            "no item " + line.itemCode() + " in " + list.department() + " price list version "
                                    + list.version()));
            return new QuoteIssued.Line(
                    item.code(),
                    item.name(),
                    line.quantity(),
                    item.price(),
                    item.price().times(line.quantity()));
        }
        if (line.description() == null || line.description().isBlank()) {
            throw new BadRequestException(
                    field + ".description",
                    "a line priced on site needs a description; or give an itemCode from the price list");
        }
        if (line.unitPrice() == null) {
            throw new BadRequestException(field + ".unitPrice", "a line priced on site needs its unit price");
        }
        PriceList.checkPrice(line.unitPrice(), field + ".unitPrice");
        return new QuoteIssued.Line(
                null,
                line.description(),
                line.quantity(),
                line.unitPrice(),
                line.unitPrice().times(line.quantity()));
    }

    public QuoteView accept(String quoteId, String explainedBy) {
        String orderId = knownQuote(quoteId);
        commands.sendAndWait(new AcceptQuote(orderId, quoteId, explainedBy, clock.instant()));
        return find(quoteId).orElseThrow();
    }

    public QuoteView decline(String quoteId, String reason) {
        String orderId = knownQuote(quoteId);
        commands.sendAndWait(new DeclineQuote(orderId, quoteId, reason, clock.instant()));
        return find(quoteId).orElseThrow();
    }

    private String knownQuote(String quoteId) {
        find(quoteId).orElseThrow(() -> new NotFoundException("quote", quoteId));
        return QuoteIds.orderOf(quoteId).orElseThrow();
    }

    public Optional<QuoteView> find(String quoteId) {
        return QuoteIds.orderOf(quoteId).flatMap(this::order).flatMap(o -> o.quote(quoteId));
    }

    public Optional<OrderView> order(String orderId) {
        return reads.read(orders, Order.streamId(orderId), Order::view);
    }
}
