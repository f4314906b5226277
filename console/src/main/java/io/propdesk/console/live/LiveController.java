package io.propdesk.console.live;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An open page's stream of {@code changed} events (htmx's SSE extension listens on it); signed-in people only. */
@Controller
public class LiveController {

    private final LiveChanges changes;

    public LiveController(LiveChanges changes) {
        this.changes = changes;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() {
        return changes.open();
    }
}
