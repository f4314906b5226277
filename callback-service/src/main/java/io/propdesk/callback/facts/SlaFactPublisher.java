package io.propdesk.callback.facts;

import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.sla.SlaFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes warehouse rows as CloudEvents like every PropDesk record (ce_* headers, JSON data), on the producer the
 * platform configures for every service (acks=all, idempotent). The key and ce_subject are the factId; the ce_id is
 * {@code <factId>#v<version>}, so a row published again after a re-delivery carries the same id and replaces nothing
 * it should not. Returns once the broker acknowledged every row, so the source event is marked handled only then.
 */
@Component
class SlaFactPublisher {

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, byte[]> kafka;

    SlaFactPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    void publish(String topic, List<SlaFact> facts) {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(facts.size());
        for (SlaFact fact : facts) {
            sent.add(kafka.send(CloudEventCodec.toRecord(
                    topic, Envelope.of(fact.factId() + "#v" + fact.version(), timeOf(fact), fact))));
        }
        for (CompletableFuture<SendResult<String, byte[]>> ack : sent) {
            try {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing to " + topic, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not publish a fact to " + topic + "; it is retried", e);
            }
        }
    }

    /** When the row's fact happened: its fulfilment or close, else its breach. */
    private static Instant timeOf(SlaFact fact) {
        return fact.doneAt() != null ? fact.doneAt() : fact.breachedAt();
    }
}
