package io.propdesk.console.intake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.console.services.Answer;
import io.propdesk.console.services.Paths;
import io.propdesk.console.services.ServiceApi;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The phone system's screen pop: ticket-service's caller lookup ({@code GET /api/callers?number=}) as the signed-in
 * person, whose role decides whether owners' names come back. The intake form works without it: when the service has
 * no lookup (404), refuses it or finds no one, the desk types the caller's details.
 *
 * <p>The answer is read in exactly the shape ticket-service gives it (its {@code caller.CallerLookup.Result},
 * docs/integrating.md): the matching owners, and one list of all their open tickets, each naming its owner. A number
 * several owners share (a family's phone on two units) matches several owners; the desk picks one, and sees that
 * owner's open tickets.
 */
@Component
public class CallerLookup {

    /** ticket-service's answer: the number in E.164, the owners it matched, their open and recent tickets. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Found(
            String number,
            List<Owner> matches,
            List<TicketRef> openTickets,
            List<TicketRef> recentTickets,
            String consoleUrl) {

        public Found {
            matches = matches == null ? List.of() : List.copyOf(matches);
            openTickets = openTickets == null ? List.of() : List.copyOf(openTickets);
            recentTickets = recentTickets == null ? List.of() : List.copyOf(recentTickets);
        }
    }

    /** An owner the number belongs to; {@code name} is null for a role that may not read it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Owner(String ownerId, String estateId, String unitId, String name, String level) {}

    /** One of the matching owners' tickets; {@code nextDue} null when no open obligation of it is known. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TicketRef(
            String ticketId,
            String ownerId,
            String status,
            String kind,
            Instant openedAt,
            Instant updatedAt,
            NextDue nextDue) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NextDue(String obligationId, String rule, Instant dueAt, boolean breached) {}

    /** One owner as the intake screen shows it, with that owner's open tickets only. */
    public record Match(
            String ownerId,
            String estateId,
            String unitId,
            String ownerName,
            String level,
            List<TicketRef> openTickets) {}

    /**
     * What the lookup found; {@code available} false when the service has no lookup to ask. {@code chosen} is the
     * match the desk picked (by owner id), else the first; null when nothing matched.
     */
    public record Result(boolean available, List<Match> matches, Match chosen) {

        static Result unavailable() {
            return new Result(false, List.of(), null);
        }

        public static Result none() {
            return new Result(true, List.of(), null);
        }
    }

    private final ServiceApi services;
    private final ObjectMapper json;

    public CallerLookup(ServiceApi services, ObjectMapper json) {
        this.services = services;
        this.json = json;
    }

    /** Looks the number up; {@code ownerId} names the match the desk picked, or is null. */
    public Result lookUp(String number, String ownerId) {
        if (number == null || number.isBlank()) {
            return Result.none();
        }
        Answer answer = services.get("ticket", Paths.query("/api/callers", "number", number));
        if (!answer.ok()) {
            return Result.unavailable();
        }
        return result(parse(answer.body(), json), ownerId);
    }

    /** The service's answer as its records; a body of another shape is a fault of the service, said as such. */
    static Found parse(JsonNode body, ObjectMapper json) {
        try {
            return json.treeToValue(body, Found.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "ticket-service's caller lookup answered a body not of its documented shape: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    /** Each owner with their own open tickets, and the one picked (or the first). */
    static Result result(Found found, String ownerId) {
        List<Match> matches = found.matches().stream()
                .map(o -> new Match(
                        o.ownerId(),
                        o.estateId(),
                        o.unitId(),
                        o.name(),
                        o.level(),
                        found.openTickets().stream()
                                .filter(t -> o.ownerId() != null && o.ownerId().equals(t.ownerId()))
                                .toList()))
                .toList();
        Match chosen = matches.stream()
                .filter(m -> ownerId != null && ownerId.equals(m.ownerId()))
                .findFirst()
                .orElse(matches.isEmpty() ? null : matches.get(0));
        return new Result(true, matches, chosen);
    }
}
