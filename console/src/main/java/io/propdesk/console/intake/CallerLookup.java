package io.propdesk.console.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The phone system's screen pop: ticket-service's caller lookup ({@code GET /api/callers?number=}) as the signed-in
 * person, whose role decides whether owners' names come back. The intake form works without it: when the service has
 * no lookup (404), refuses it or finds no one, the desk types the caller's details.
 */
@Component
public class CallerLookup {

    /** One owner the number belongs to, and their open tickets. */
    public record Match(String estateId, String unitId, String ownerName, List<String> openTickets) {}

    /** What the lookup found; {@code available} false when the service has no lookup to ask. */
    public record Result(boolean available, List<Match> matches) {

        static Result unavailable() {
            return new Result(false, List.of());
        }
    }

    private final ServiceApi services;

    public CallerLookup(ServiceApi services) {
        this.services = services;
    }

    public Result lookUp(String number) {
        if (number == null || number.isBlank()) {
            return new Result(true, List.of());
        }
        Answer answer = services.get("ticket", Paths.query("/api/callers", "number", number));
        if (!answer.ok()) {
            return Result.unavailable();
        }
        JsonNode body = answer.body();
        JsonNode owners = body.isArray() ? body : first(body, "owners", "matches", "callers");
        List<Match> matches = new ArrayList<>();
        if (owners != null) {
            for (JsonNode owner : owners) {
                List<String> open = new ArrayList<>();
                JsonNode tickets = first(owner, "openTickets", "tickets");
                if (tickets == null) {
                    tickets = first(body, "openTickets");
                }
                if (tickets != null) {
                    tickets.forEach(t -> open.add(
                            t.isTextual() ? t.asText() : t.path("ticketId").asText()));
                }
                matches.add(new Match(
                        text(owner, "estateId"),
                        text(owner, "unitId"),
                        text(owner, "name", "ownerName", "callerName"),
                        open));
            }
        }
        return new Result(true, matches);
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isArray()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }
}
