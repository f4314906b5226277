package io.propdesk.platform.web;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.NotFoundException;
import io.propdesk.platform.domain.RuleViolationException;
import io.propdesk.platform.security.ForbiddenException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The same RFC 9457 problem+json on every service: 400 with {@code errors: [{field, reason}]}, 404 for an unknown
 * id, 409 naming the rule (or the concurrent change) that forbids the step.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    public static ProblemDetail badRequest(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                errors.stream()
                        .map(e -> e.get("field") + ": " + e.get("reason"))
                        .collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setType(URI.create("https://propdesk.io/problems/invalid-request"));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, String> error(String field, String reason) {
        return Map.of("field", field, "reason", reason == null ? "invalid" : reason);
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail onBadRequest(BadRequestException e) {
        return badRequest(List.of(error(e.field(), e.reason())));
    }

    @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
    ProblemDetail onNotFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail onForbidden(ForbiddenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        problem.setType(URI.create("https://propdesk.io/problems/forbidden"));
        return problem;
    }

    @ExceptionHandler(RuleViolationException.class)
    ProblemDetail onRule(RuleViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Rule " + e.rule() + " forbids this now");
        problem.setType(URI.create("https://propdesk.io/problems/rule/" + e.rule()));
        problem.setProperty("rule", e.rule());
        return problem;
    }

    /** Both are the store's optimistic-concurrency conflict: on an existing stream, or on creating one. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail onConcurrency(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "someone else changed this at the same moment; reload and retry");
        problem.setTitle("Concurrent modification");
        problem.setType(URI.create("https://propdesk.io/problems/concurrent-modification"));
        return problem;
    }

    /** A constrained parameter of a {@code @Validated} controller: the field is the parameter's name. */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail onConstraintViolation(ConstraintViolationException e) {
        return badRequest(e.getConstraintViolations().stream()
                .map(v -> error(RequestErrors.fieldOf(v.getPropertyPath()), v.getMessage()))
                .collect(Collectors.toList()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail onTypeMismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(List.of(error(
                e.getName(),
                "not a valid "
                        + (e.getRequiredType() == null
                                ? "value"
                                : e.getRequiredType().getSimpleName()))));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> onCommandFailure(CommandExecutionException e, WebRequest request) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof BadRequestException b) {
            return ResponseEntity.badRequest().body(onBadRequest(b));
        }
        if (cause instanceof RuleViolationException r) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(onRule(r));
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(onConcurrency((RuntimeException) cause));
        }
        throw e;
    }

    /** A required query parameter left out is a field error like any other: {@code errors: [{field, "required"}]}. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(badRequest(List.of(error(e.getParameterName(), "required"))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> error(f.getField(), f.getDefaultMessage()))
                .collect(Collectors.toList());
        // a rule on the body as a whole: its Java object name would mean nothing to the client
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(error("body", g.getDefaultMessage())));
        return ResponseEntity.badRequest().body(badRequest(errors));
    }

    /**
     * A controller that constrains both its path and its body: a body's errors name the field as
     * the client sent it ({@code teamLeader}, {@code items[0].price}), a path or query parameter its own name.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                body.getFieldErrors().forEach(f -> errors.add(error(f.getField(), f.getDefaultMessage())));
                body.getGlobalErrors().forEach(g -> errors.add(error(parameterName(result), g.getDefaultMessage())));
                continue;
            }
            String name = parameterName(result);
            if (result.getContainerIndex() != null) {
                name += "[" + result.getContainerIndex() + "]";
            } else if (result.getContainerKey() != null) {
                name += "[" + result.getContainerKey() + "]";
            }
            for (var err : result.getResolvableErrors()) {
                errors.add(error(name, err.getDefaultMessage()));
            }
        }
        return ResponseEntity.badRequest().body(badRequest(errors));
    }

    /** The name the client used: a path variable's or request parameter's declared name, else the Java name. */
    private static String parameterName(ParameterValidationResult result) {
        MethodParameter parameter = result.getMethodParameter();
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        if (parameter.hasParameterAnnotation(RequestBody.class)) {
            return "body";
        }
        String name = parameter.getParameterName();
        return name == null ? "request" : name;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        String reason = "not readable JSON";
        Throwable cause = e.getCause();
        if (cause == null && e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            reason = "required";
        } else if (cause instanceof JsonMappingException mapping) {
            if (!mapping.getPath().isEmpty()) {
                field = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[");
            }
            reason = RequestErrors.reasonOf(mapping);
        } else if (cause instanceof StreamReadException read) {
            // a duplicate key (RequestJson) or broken JSON: the parser's words, without its source excerpt
            String message = read.getOriginalMessage() == null ? "" : read.getOriginalMessage();
            Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.find()) {
                field = duplicate.group(1);
                reason = "appears more than once";
            } else {
                reason = "not readable JSON: " + RequestErrors.clean(message);
            }
        }
        return ResponseEntity.badRequest().body(badRequest(List.of(error(field, reason))));
    }

    /**
     * Every answer of this handler: the request path as {@code instance} and no Java class name in any detail
     * (clients read the words, not our internals), whatever Spring's default words were.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getDetail() != null) {
                problem.setDetail(RequestErrors.clean(problem.getDetail()));
            }
            if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
                problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail onUnexpected(Exception e) {
        log.error("unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "unexpected failure; it has been logged");
        problem.setTitle("Internal error");
        return problem;
    }
}
