package io.propdesk.console.web;

import io.propdesk.console.services.CurrentPerson;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form and each person's home screen. */
@Controller
public class HomeController {

    private final CurrentPerson person;

    public HomeController(CurrentPerson person) {
        this.person = person;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:" + person.user().home();
    }
}
