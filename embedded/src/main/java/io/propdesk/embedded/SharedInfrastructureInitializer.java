package io.propdesk.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the {@link SharedInfrastructure}: sets {@code spring.kafka.bootstrap-servers}
 * and {@code spring.data.mongodb.uri} in a property source that comes before every other one, so the services'
 * own config files ({@code ${MONGODB_URI:mongodb://localhost:27017}} and the like) cannot override it.
 *
 * <pre>
 * &#64;SpringBootTest
 * &#64;ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
 * class TicketFlowIT { ... }
 * </pre>
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY_SOURCE_NAME = "propdeskSharedInfrastructure";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        properties.put("spring.data.mongodb.uri", infrastructure.mongoUri());
        // the embedded default authenticates the documented demo users (platform's propdesk-demo-users.yml), unless
        // the test asks for another mode
        if (!context.getEnvironment().containsProperty("propdesk.security.mode")) {
            properties.put("propdesk.security.mode", "demo");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
    }
}
