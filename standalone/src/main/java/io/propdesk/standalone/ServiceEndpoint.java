package io.propdesk.standalone;

/**
 * Where a running service answers.
 *
 * @param name {@code ticket}, {@code dispatch}, {@code callback} or {@code billing}
 * @param configName the service's config name, e.g. {@code ticket-service}
 * @param port its HTTP port
 */
public record ServiceEndpoint(String name, String configName, int port) {

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + this.port;
    }

    public String swaggerUiUrl() {
        return baseUrl() + "/swagger-ui.html";
    }

    public String healthUrl() {
        return baseUrl() + "/actuator/health";
    }

    public String apiDocsUrl() {
        return baseUrl() + "/v3/api-docs";
    }
}
