package io.propdesk.console.web;

import io.propdesk.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page shows around its content: the language switch (to this same page) and the refresh period. */
@ControllerAdvice
public class PageModel {

    private final ConsoleProperties properties;

    public PageModel(ConsoleProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("langZh")
    String chinese(HttpServletRequest request) {
        return sameWith(request, "zh-CN");
    }

    @ModelAttribute("langEn")
    String english(HttpServletRequest request) {
        return sameWith(request, "en");
    }

    @ModelAttribute("refreshSeconds")
    long refreshSeconds() {
        return properties.refreshEvery().toSeconds();
    }

    private static String sameWith(HttpServletRequest request, String lang) {
        return ServletUriComponentsBuilder.fromRequestUri(request)
                .query(request.getQueryString())
                .replaceQueryParam("lang", lang)
                .build()
                .toUriString()
                .replaceFirst("^[a-z]+://[^/]+", "");
    }
}
