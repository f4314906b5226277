package io.propdesk.billing.api;

import io.propdesk.billing.domain.Accounts;
import io.propdesk.billing.domain.StatementView;
import io.propdesk.platform.web.RequestBounds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Monthly statements per customer (H7); issued at month close and unchanged afterwards (H8). */
@RestController
@RequestMapping("/api/statements")
public class StatementController {

    private final Accounts accounts;

    public StatementController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/{customerId}/{month}")
    public StatementView get(@PathVariable String customerId, @PathVariable String month) {
        return accounts.statement(customerId, RequestBounds.month("month", month));
    }
}
