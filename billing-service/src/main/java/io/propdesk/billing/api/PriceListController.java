package io.propdesk.billing.api;

import io.propdesk.billing.domain.PriceLists;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.web.InWindow;
import io.propdesk.platform.web.ResourceId;
import jakarta.validation.Valid;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The departments' price lists, versioned (P1, P2). */
@RestController
@RequestMapping("/api/price-lists")
public class PriceListController {

    private final PriceLists priceLists;

    public PriceListController(PriceLists priceLists) {
        this.priceLists = priceLists;
    }

    /** Publishes version n+1 (PriceListPublished); the same body again publishes nothing and answers the latest. */
    @PutMapping("/{department}")
    public PriceListPublished publish(@PathVariable Department department, @Valid @RequestBody PriceListRequest body) {
        return priceLists.publish(
                department,
                body.effectiveFrom(),
                body.items().stream()
                        .map(i -> new PriceListPublished.Item(i.code(), i.name(), i.unit(), i.price()))
                        .toList(),
                body.publishedBy());
    }

    /** The version in force today (in the estate's zone if one is named, else the company's), or on {@code at}. */
    @GetMapping("/{department}")
    public PriceListPublished inForce(
            @PathVariable Department department,
            @RequestParam(required = false) @InWindow LocalDate at,
            @RequestParam(required = false) @ResourceId String estateId) {
        LocalDate day = at != null ? at : estateId != null ? priceLists.today(estateId) : priceLists.today();
        return priceLists
                .inForceOn(department, day)
                .orElseThrow(() -> new NotFoundException("price list in force on " + day + " for", department.name()));
    }
}
