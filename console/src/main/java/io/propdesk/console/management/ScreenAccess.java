package io.propdesk.console.management;

import io.propdesk.console.services.Answer;
import io.propdesk.console.services.CurrentPerson;
import io.propdesk.console.services.ServiceApi;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Which of the managers', billing's and administrators' screens the signed-in person may use, as the services' role
 * tables say: each is found out once a session by asking the service for one of the screen's calls with a request it
 * must refuse as malformed (no parameters, an empty body). A 401 or 403 means the role table does not admit the
 * person; any other answer that it does, and nothing is stored. The console keeps no copy of anyone's roles: the
 * services still decide on every real call, and a refusal shows their rule.
 */
@Component
public class ScreenAccess {

    /** One malformed call of a screen: admitted or not, nothing it could change. */
    record Probe(String service, HttpMethod method, String path, Object body) {}

    static final Map<String, Probe> PROBES = Map.of(
            "sla", new Probe("callback", HttpMethod.GET, "/api/sla/compliance", null),
            "statements", new Probe("billing", HttpMethod.GET, "/api/statements/probe/probe", null),
            "closeMonth", new Probe("dispatch", HttpMethod.POST, "/api/months/probe/close", Map.of()),
            "publishPrices", new Probe("billing", HttpMethod.PUT, "/api/price-lists/ENGINEERING", Map.of()),
            "registers", new Probe("dispatch", HttpMethod.GET, "/api/registers/ENGINEERING/probe", null),
            "estates", new Probe("ticket", HttpMethod.PUT, "/api/estates/probe", Map.of()),
            "teams", new Probe("dispatch", HttpMethod.PUT, "/api/teams/ENGINEERING/probe", Map.of()));

    private static final String SESSION_KEY = ScreenAccess.class.getName();

    private final ServiceApi services;
    private final CurrentPerson person;

    public ScreenAccess(ServiceApi services, CurrentPerson person) {
        this.services = services;
        this.person = person;
    }

    /** The screens' navigation entries for this session's person; none before anyone signs in. */
    public Screens screens(HttpSession session) {
        if (SecurityContextHolder.getContext().getAuthentication() == null
                || !(SecurityContextHolder.getContext().getAuthentication().getPrincipal()
                        instanceof io.propdesk.console.security.ConsoleUser)) {
            return Screens.NONE;
        }
        return new Screens(
                may(session, "sla"),
                may(session, "statements") || may(session, "closeMonth") || may(session, "publishPrices"),
                may(session, "estates") || may(session, "teams"));
    }

    /** Whether the services admit this person to one probed call ({@link #PROBES}); asked once a session. */
    public boolean may(HttpSession session, String what) {
        Probe probe = PROBES.get(what);
        if (probe == null) {
            throw new IllegalArgumentException("no probe " + what);
        }
        @SuppressWarnings("unchecked")
        Map<String, Boolean> known = (Map<String, Boolean>) session.getAttribute(SESSION_KEY);
        if (known == null) {
            known = new ConcurrentHashMap<>();
            session.setAttribute(SESSION_KEY, known);
        }
        Boolean admitted = known.get(what);
        if (admitted == null) {
            Answer answer =
                    services.call(person.credentials(), probe.method(), probe.service(), probe.path(), probe.body());
            admitted = answer.status() != 401 && answer.status() != 403;
            if (answer.status() != Answer.UNREACHABLE) {
                known.put(what, admitted); // an unreachable service is asked again on the next page
            }
        }
        return admitted;
    }

    /**
     * The navigation entries of the screens this module adds.
     *
     * @param sla the SLA screen: those who may read compliance (managers)
     * @param billing price lists, registers, statements, the month close: those who may read a statement, close a
     *     month or publish a price list
     * @param admin estates and teams: those who may configure either
     */
    public record Screens(boolean sla, boolean billing, boolean admin) {
        static final Screens NONE = new Screens(false, false, false);
    }
}
