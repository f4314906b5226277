package io.propdesk.platform.testapp;

import io.propdesk.contracts.Money;
import io.propdesk.platform.web.FreeText;
import io.propdesk.platform.web.InWindow;
import io.propdesk.platform.web.ResourceId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A request with one field of each kind the platform bounds (issue 15 items 3, 6, 7), echoed back when valid. */
@RestController
public class ProbeController {

    public record Line(
            @NotNull Money price,
            @NotNull @Min(1) @Max(10000) Integer quantity) {}

    public record Probe(
            @NotBlank String name,
            @FreeText String note,
            Boolean paid,
            @Valid List<@NotNull Line> lines,

            @InWindow(notBefore = "-P1D", notAfter = "+P365D")
            Instant serviceTime,

            @InWindow LocalDate day,
            List<@ResourceId String> units) {}

    /** Validates both the path and the body, as the services' PUT endpoints do (issue 13 defect 4). */
    @PostMapping("/api/probes/{areaId}")
    public Probe post(@PathVariable @ResourceId String areaId, @Valid @RequestBody Probe body) {
        return body;
    }

    @GetMapping("/api/probes")
    public String query(@RequestParam @InWindow Instant from) {
        return from.toString();
    }
}
