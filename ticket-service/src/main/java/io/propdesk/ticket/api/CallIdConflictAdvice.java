package io.propdesk.ticket.api;

import io.propdesk.ticket.domain.CallIdConflictException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A used call id with a different call (R1): 409 problem+json naming the rule and the field
 * {@code callId}, in the shape of the platform's rule problems with the field added the way 400s name theirs. Ahead
 * of the platform's handler, which would answer it as a plain rule violation without the field.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallIdConflictAdvice {

    @ExceptionHandler(CallIdConflictException.class)
    ProblemDetail onCallIdConflict(CallIdConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Rule " + e.rule() + " forbids this now");
        problem.setType(URI.create("https://propdesk.io/problems/rule/" + e.rule()));
        problem.setProperty("rule", e.rule());
        problem.setProperty("field", "callId");
        problem.setProperty("callId", e.callId());
        problem.setProperty(
                "errors", List.of(Map.of("field", "callId", "reason", "registered before for a different call")));
        return problem;
    }
}
