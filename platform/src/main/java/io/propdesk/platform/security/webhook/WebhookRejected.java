package io.propdesk.platform.security.webhook;

/** A signed webhook that is not accepted: answered 401 naming the header at fault, nothing stored. */
public class WebhookRejected extends RuntimeException {

    private final String header;

    public WebhookRejected(String header, String reason) {
        super(reason);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
