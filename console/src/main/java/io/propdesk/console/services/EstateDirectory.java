package io.propdesk.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.console.ConsoleProperties;
import io.propdesk.console.web.Times;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The estates the desk works, read from ticket-service's directory ({@code GET /api/estates/{id}}) as the signed-in
 * person: their names, zones, buildings and units, for the intake form's pickers and the queues' filters.
 */
@Component
public class EstateDirectory {

    /** One estate as the pickers show it. */
    public record Estate(String estateId, String name, String timeZone, List<Building> buildings) {}

    public record Building(String buildingId, String name, String areaId, List<String> units) {}

    private final ServiceApi services;
    private final ConsoleProperties properties;
    private final Times times;

    public EstateDirectory(ServiceApi services, ConsoleProperties properties, Times times) {
        this.services = services;
        this.properties = properties;
        this.times = times;
    }

    /** The configured estates the service knows (an estate not configured yet in ticket-service is left out). */
    public List<Estate> estates() {
        List<Estate> estates = new ArrayList<>();
        for (String estateId : properties.estates()) {
            Answer answer = services.get("ticket", "/api/estates/" + UriUtils.encodePathSegment(estateId, "UTF-8"));
            if (answer.ok()) {
                estates.add(estate(answer.body()));
            }
        }
        return estates;
    }

    /** The ids of the configured estates, for filters that need no directory read. */
    public List<String> estateIds() {
        return properties.estates();
    }

    private Estate estate(JsonNode body) {
        String estateId = body.path("estateId").asText();
        String zone = body.path("timeZone").asText(null);
        times.estateZone(estateId, zone);
        List<Building> buildings = new ArrayList<>();
        for (JsonNode b : body.path("buildings")) {
            List<String> units = new ArrayList<>();
            b.path("units").forEach(u -> units.add(u.asText()));
            buildings.add(new Building(
                    b.path("buildingId").asText(),
                    b.path("name").asText(b.path("buildingId").asText()),
                    b.path("areaId").asText(),
                    units));
        }
        return new Estate(estateId, body.path("name").asText(estateId), zone, buildings);
    }
}
