package io.propdesk.console.management;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The navigation entries of the SLA, billing and admin screens, on every page, for those the services admit. */
@ControllerAdvice
public class ScreensModel {

    private final ScreenAccess access;

    public ScreensModel(ScreenAccess access) {
        this.access = access;
    }

    @ModelAttribute("screens")
    ScreenAccess.Screens screens(HttpServletRequest request) {
        var session = request.getSession(false);
        return session == null ? ScreenAccess.Screens.NONE : access.screens(session);
    }
}
