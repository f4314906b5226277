package io.propdesk.ticket.call.api;

import io.propdesk.ticket.call.domain.CallLog;
import io.propdesk.ticket.call.domain.DialableCallbacks;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Call events in (issue 16 §1): what a PBX or cloud call center configured for Zammad's generic CTI sends, to this URL
 * instead. Authenticated as INTEGRATION (Basic in demo, a JWT in production) or by a Standard Webhooks signature
 * ({@code propdesk.cti.webhook-secrets}). Each (call, event) counts once: a retry answers 200 with
 * {@code "taken": false} and changes nothing.
 */
@RestController
@RequestMapping("/api/cti")
public class CtiController {

    /** The one path that accepts a webhook signature in place of credentials. */
    public static final String EVENTS = "/api/cti/events";

    private final CallLog calls;
    private final DialableCallbacks callbacks;

    public CtiController(CallLog calls, DialableCallbacks callbacks) {
        this.calls = calls;
        this.callbacks = callbacks;
    }

    /** Answers at once, with the call id, the event and whether it was taken now (false: taken before). */
    @PostMapping(
            path = "/events",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    public ResponseEntity<Map<String, Object>> event(HttpServletRequest request) throws IOException {
        MediaType contentType =
                request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        // read raw: the bytes a signature covers, and Zammad's repeated user[] fields of a form
        CallLog.Report report =
                CtiEventForm.parse(contentType, request.getInputStream().readAllBytes());
        CallLog.Reported reported = calls.report(report);
        if (reported.taken() && report.callbackId() != null) {
            // §4: a callback's call placed by the phone system itself is listed with the ticket's calls too
            callbacks.find(report.callbackId()).ifPresent(callback -> callbacks.dialled(callback, report.callId()));
        }
        return ResponseEntity.ok(
                Map.of("callId", reported.callId(), "event", reported.event().wireName(), "taken", reported.taken()));
    }
}
