package io.propdesk.standalone;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a demo estate (Sunrise Garden) and three tickets through the ticket service's public API.
 */
public final class DemoLoader {

    static final ZoneId ESTATE_ZONE = ZoneId.of("Asia/Shanghai");

    static final String ESTATE_ID = "sunrise-garden";

    /** One HTTP call of the demo and what came back; {@code status} is 0 when the call itself failed. */
    public record Step(String method, String path, int status, String body) {

        public boolean ok() {
            return this.status >= 200 && this.status < 300;
        }

        @Override
        public String toString() {
            return String.format(
                    "%-4s %-30s -> %s",
                    this.method,
                    this.path,
                    this.status <= 0 ? "failed: " + this.body : this.status + " " + abbreviate(this.body));
        }
    }

    private final Clock clock;

    public DemoLoader() {
        this(Clock.systemUTC());
    }

    DemoLoader(Clock clock) {
        this.clock = clock;
    }

    /**
     * PUTs the estate, then POSTs the tickets, as the demo users (the administrator configures the estate, the front
     * desk opens); never throws for an HTTP failure, it is in the steps.
     */
    public List<Step> load(ServiceClient client) {
        List<Step> steps = new ArrayList<>();
        steps.add(send(client, "PUT", "/api/estates/" + ESTATE_ID, estateJson()));
        for (String ticket : ticketsJson()) {
            steps.add(send(client, "POST", "/api/tickets", ticket));
        }
        return steps;
    }

    static String estateJson() {
        return """
                {"name":"Sunrise Garden","timeZone":"Asia/Shanghai","workdayStart":"08:30","workdayEnd":"17:30",\
                "workingDays":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY"],\
                "holidays":["2027-01-01"],"paidReturnHours":2,\
                "areas":[{"areaId":"north","name":"North"}],\
                "buildings":[{"buildingId":"b1","areaId":"north","name":"Building 1","stewardId":"steward-li",\
                "units":["b1-101","b1-102"]}]}""";
    }

    List<String> ticketsJson() {
        Instant now = Instant.now(this.clock).truncatedTo(ChronoUnit.SECONDS);
        Instant tomorrowTen = ZonedDateTime.of(
                        LocalDate.now(this.clock.withZone(ESTATE_ZONE)).plusDays(1), LocalTime.of(10, 0), ESTATE_ZONE)
                .toInstant();
        return List.of("""
                {"callId":"demo-1","estateId":"sunrise-garden","unitId":"b1-101","kind":"REPAIR","paid":false,\
                "description":"Kitchen tap leaking","callerName":"Wang","callerPhone":"13800000000",\
                "channel":"PHONE","acceptor":"desk-chen","receivedAt":"%s"}""".formatted(now), """
                {"callId":"demo-2","estateId":"sunrise-garden","unitId":"b1-102","kind":"COMPLAINT",\
                "severity":"NORMAL","paid":false,"description":"Lift lobby lights off at night on floor 1",\
                "callerName":"Zhao","callerPhone":"13900000000","channel":"PHONE","acceptor":"desk-chen",\
                "receivedAt":"%s"}""".formatted(now), """
                {"callId":"demo-3","estateId":"sunrise-garden","unitId":"b1-101","kind":"CLEANING_HOURLY",\
                "paid":true,"description":"Two hours of cleaning before guests arrive","serviceTime":"%s",\
                "callerName":"Wang","callerPhone":"13800000000","channel":"PHONE","acceptor":"desk-chen",\
                "receivedAt":"%s"}""".formatted(tomorrowTen, now));
    }

    private static Step send(ServiceClient client, String method, String path, String json) {
        ServiceClient.Reply reply = client.call("ticket", method, path, json);
        return new Step(method, path, reply.status(), reply.raw());
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine;
    }
}
