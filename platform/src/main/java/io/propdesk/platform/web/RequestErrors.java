package io.propdesk.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The words of a 400: the field as the client sent it and a reason without Java class names. */
final class RequestErrors {

    /** {@code io.propdesk.dispatch.api.OrderRequests$Start} → {@code Start}; {@code java.lang.String} → {@code String}. */
    private static final Pattern QUALIFIED =
            Pattern.compile("`?\\b(?:[a-z_][\\w]*\\.)+(?:[A-Z][\\w]*\\$)*([A-Z][\\w]*)`?");

    private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source:.*", Pattern.DOTALL);

    private RequestErrors() {}

    static String clean(String message) {
        if (message == null) {
            return null;
        }
        String cleaned = SOURCE.matcher(message).replaceAll("");
        cleaned = QUALIFIED.matcher(cleaned).replaceAll("$1");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }

    static String reasonOf(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return "invalid value: " + clean(e.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            return "not a valid " + describe(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m
                && m.getTargetType() != null
                && m.getClass() == MismatchedInputException.class) {
            return "expected " + describe(m.getTargetType());
        }
        return "invalid value: " + clean(e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type.isEnum()) {
            return "value: one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "instant like 2026-11-02T09:00:00Z";
        }
        if (type == LocalDate.class) {
            return "date like 2026-11-02";
        }
        if (type == LocalTime.class) {
            return "time like 08:30";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        return "value";
    }

    /** {@code open.body.items[0].price} → {@code items[0].price}: the field in the request, not the Java path. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD
                    || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable()) {
                field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (field.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return field.charAt(0) == '[' && parameter != null ? parameter + field : field.toString();
    }
}
