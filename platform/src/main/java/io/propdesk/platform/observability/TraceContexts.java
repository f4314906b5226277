package io.propdesk.platform.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries one ticket's trace across Kafka (W3C {@code traceparent}). The trace context of the command that
 * appended an event travels with the event in the store (its metadata) and leaves with it as a record header;
 * a consumer continues that trace while it handles the record, so the whole flow through the four services is one
 * trace. Without a tracer (tests outside Spring) it does nothing.
 */
public class TraceContexts {

    public static final String HEADER = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContexts(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public static TraceContexts none() {
        return new TraceContexts(null, null);
    }

    /** The current span's context as W3C headers, or an empty map when there is none. */
    public Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>();
        if (tracer != null && tracer.currentTraceContext().context() != null) {
            propagator.inject(tracer.currentTraceContext().context(), carrier, Map::put);
        }
        return carrier;
    }

    /** Runs {@code work} in a consumer span that continues the record's trace (a new trace if it carries none). */
    public void continueFrom(Headers headers, String spanName, Runnable work) {
        if (tracer == null) {
            work.run();
            return;
        }
        Span span = propagator
                .extract(headers, TraceContexts::header)
                .name(spanName)
                .kind(Span.Kind.CONSUMER)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
