package io.propdesk.dispatch.api;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.dispatch.domain.MonthClosing;
import io.propdesk.platform.security.Staff;
import io.propdesk.platform.web.RequestBounds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The monthly registers by customer (H7) and the month close (H8). */
@RestController
public class MonthController {

    private final MonthClosing months;

    public MonthController(MonthClosing months) {
        this.months = months;
    }

    public record CloseRequest(@NotBlank @Size(max = 100) String closedBy) {}

    @GetMapping("/api/registers/{department}/{month}")
    public MonthClosing.Register register(@PathVariable Department department, @PathVariable String month) {
        Staff.current().requireDepartment(department, null, "the register of " + department);
        return months.register(department, parse(month));
    }

    @PostMapping("/api/months/{month}/close")
    public MonthClosed close(@PathVariable String month, @Valid @RequestBody CloseRequest body) {
        return months.close(parse(month), body.closedBy());
    }

    private static YearMonth parse(String month) {
        return RequestBounds.month("month", month);
    }
}
