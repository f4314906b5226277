package io.propdesk.platform.security;

import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The documented demo users of the embedded default ({@code propdesk-demo-users.yml}), for the services in demo mode
 * and for clients of the embedded default (the demo loader, benchmarks, tests) that act as "whoever may".
 */
public final class DemoUsers {

    public static final String RESOURCE = "propdesk-demo-users.yml";

    private static final List<StaffSecurityProperties.User> USERS = load();

    private DemoUsers() {}

    public static List<StaffSecurityProperties.User> all() {
        return USERS;
    }

    /** The first demo user holding this role (for DEPARTMENT: Engineering, all areas). */
    public static StaffSecurityProperties.User forRole(Role role) {
        return USERS.stream()
                .filter(u -> u.getRoles().contains(role))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no demo user has role " + role));
    }

    public static StaffSecurityProperties.User named(String username) {
        return USERS.stream()
                .filter(u -> u.getUsername().equals(username))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo user " + username));
    }

    /** The {@code Authorization} header value of HTTP Basic for this user. */
    public static String basic(StaffSecurityProperties.User user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (user.getUsername() + ":" + user.getPassword()).getBytes(StandardCharsets.UTF_8));
    }

    public static String basic(Role role) {
        return basic(forRole(role));
    }

    /**
     * The {@code Authorization} header of the demo user with the first role the access table names for this request,
     * or of ADMIN for the operational endpoints (health needs none, but they do no harm there).
     */
    public static String authorizationFor(String service, String method, String path) {
        Role role =
                Access.find(service, method, path).map(e -> e.roles().get(0)).orElse(Role.ADMIN);
        return basic(role);
    }

    private static List<StaffSecurityProperties.User> load() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(RESOURCE, DemoUsers.class.getClassLoader()));
        Properties properties = yaml.getObject();
        if (properties == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("propdesk.security.users", Bindable.listOf(StaffSecurityProperties.User.class))
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " lists no users"));
    }
}
