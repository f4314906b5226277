package io.propdesk.console.web;

import io.propdesk.console.security.OidcLogin;
import io.propdesk.console.security.PersonSecurityProperties;
import io.propdesk.console.services.CurrentPerson;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form and each person's home screen. */
@Controller
public class HomeController {

    private final CurrentPerson person;
    private final PersonSecurityProperties security;

    public HomeController(CurrentPerson person, PersonSecurityProperties security) {
        this.person = person;
        this.security = security;
    }

    /** Demo mode: the form. jwt mode: where a sign-out or a refused sign-in lands, with the way to the issuer. */
    @GetMapping("/login")
    String login(Model model) {
        if (security.mode() == PersonSecurityProperties.Mode.JWT) {
            model.addAttribute("signInAt", OidcLogin.SIGN_IN);
        }
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:" + person.user().home();
    }
}
