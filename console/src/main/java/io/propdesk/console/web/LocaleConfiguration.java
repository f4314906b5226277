package io.propdesk.console.web;

import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * Chinese (zh-CN) whatever the browser asks for; {@code ?lang=en} or {@code ?lang=zh-CN} on any page switches, and the
 * choice is kept in the session.
 */
@Configuration
public class LocaleConfiguration implements WebMvcConfigurer {

    public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

    /** The languages the console speaks; any other {@code lang} is ignored. */
    public static final java.util.List<Locale> SUPPORTED = java.util.List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        SessionLocaleResolver resolver = new SessionLocaleResolver();
        resolver.setDefaultLocale(DEFAULT);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                Locale asked = super.parseLocaleValue(value);
                return asked != null && SUPPORTED.contains(asked) ? asked : null;
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
