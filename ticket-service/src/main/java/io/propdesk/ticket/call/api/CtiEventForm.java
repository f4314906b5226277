package io.propdesk.ticket.call.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.web.RequestBounds;
import io.propdesk.ticket.call.domain.CallLog;
import io.propdesk.ticket.call.domain.CtiEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;

/**
 * A phone system's call event in Zammad's generic CTI form, from a JSON object or an
 * {@code application/x-www-form-urlencoded} body, read from the raw bytes (the bytes a webhook signature covers).
 * The agents come as {@code user[]} (repeated in a form, Zammad's way), {@code user} (a string or an array), or both.
 * Every field is checked here, naming the field; nothing is stored before this passes.
 */
final class CtiEventForm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final int MAX_USERS = 20;

    private CtiEventForm() {}

    static CallLog.Report parse(MediaType contentType, byte[] body) {
        Map<String, List<String>> fields;
        if (contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(contentType)) {
            fields = form(new String(body, StandardCharsets.UTF_8));
        } else if (contentType == null || MediaType.APPLICATION_JSON.includes(contentType)) {
            fields = json(body);
        } else {
            throw new BadRequestException(
                    "Content-Type", "send application/json or application/x-www-form-urlencoded, not " + contentType);
        }
        String eventName = required(fields, "event", 20);
        CtiEvent event = CtiEvent.ofWireName(eventName)
                .orElseThrow(() -> new BadRequestException("event", "must be newCall, answer or hangup"));
        String callId = required(fields, "callId", 100);
        if (!CALL_ID.matcher(callId).matches()) {
            throw new BadRequestException("callId", "1 to 100 letters, digits and . _ : - only");
        }
        String direction = optional(fields, "direction", 10);
        CallDirection callDirection = direction == null
                ? null
                : switch (direction) {
                    case "in" -> CallDirection.IN;
                    case "out" -> CallDirection.OUT;
                    default -> throw new BadRequestException("direction", "must be in or out");
                };
        String cause = optional(fields, "cause", 40);
        HangupCause hangupCause = cause == null ? null : cause(cause);
        if (event == CtiEvent.HANGUP && hangupCause == null) {
            throw new BadRequestException(
                    "cause",
                    "a hangup needs its cause: normalClearing, busy, cancel, noAnswer, congestion, notFound or"
                            + " forwarded");
        }
        List<String> users = new ArrayList<>();
        users.addAll(fields.getOrDefault("user[]", List.of()));
        users.addAll(fields.getOrDefault("user", List.of()));
        if (users.size() > MAX_USERS) {
            throw new BadRequestException("user", "at most " + MAX_USERS + " agents");
        }
        for (String user : users) {
            check("user", user, 200);
        }
        String callbackId = optional(fields, "callbackId", 100);
        if (callbackId != null && !RequestBounds.isId(callbackId)) {
            throw new BadRequestException("callbackId", RequestBounds.ID_MESSAGE);
        }
        return new CallLog.Report(
                callId,
                event,
                callDirection,
                optional(fields, "from", 64),
                optional(fields, "to", 64),
                List.copyOf(users),
                optional(fields, "queue", 200),
                optional(fields, "answeringNumber", 64),
                hangupCause,
                callbackId);
    }

    private static HangupCause cause(String wire) {
        return Arrays.stream(HangupCause.values())
                .filter(c -> camel(c).equals(wire))
                .findFirst()
                .orElseThrow(() -> new BadRequestException(
                        "cause",
                        "must be one of "
                                + Arrays.stream(HangupCause.values())
                                        .map(CtiEventForm::camel)
                                        .collect(Collectors.joining(", "))));
    }

    /** NO_ANSWER → noAnswer, as Zammad writes it. */
    static String camel(Enum<?> value) {
        String[] parts = value.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return out.toString();
    }

    private static String required(Map<String, List<String>> fields, String name, int max) {
        String value = optional(fields, name, max);
        if (value == null) {
            throw new BadRequestException(name, "is required");
        }
        return value;
    }

    private static String optional(Map<String, List<String>> fields, String name, int max) {
        List<String> values = fields.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new BadRequestException(name, "given more than once");
        }
        String value = values.isEmpty() ? null : values.get(0);
        if (value == null || value.isBlank()) {
            return null;
        }
        check(name, value, max);
        return value.trim();
    }

    private static void check(String name, String value, int max) {
        if (value.length() > max) {
            throw new BadRequestException(name, "at most " + max + " characters");
        }
        if (RequestBounds.hasControlCharacter(value, false)) {
            throw new BadRequestException(name, "must not contain control characters");
        }
    }

    private static Map<String, List<String>> form(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("body", "not application/x-www-form-urlencoded: " + e.getMessage());
            }
        }
        return fields;
    }

    private static Map<String, List<String>> json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("body", "not a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("body", "not a JSON object");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        root.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            List<String> values = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    values.add(text(field.getKey(), item));
                }
            } else if (!value.isNull()) {
                values.add(text(field.getKey(), value));
            }
            fields.put(field.getKey(), values);
        });
        // only the agents may be a list
        fields.forEach((name, values) -> {
            if (values.size() > 1 && !name.equals("user") && !name.equals("user[]")) {
                throw new BadRequestException(name, "must be a single value");
            }
        });
        return fields;
    }

    private static String text(String name, JsonNode value) {
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        throw new BadRequestException(name, "must be text");
    }
}
