package io.propdesk.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.propdesk.contracts.cloudevents.MalformedCloudEventException;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Duration;
import java.util.List;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Delivery guarantee 5: a record that keeps failing is retried a bounded number of times with backoff, then goes to
 * {@code <topic>.<consumer-group>.dlt} with the error in the {@code kafka_dlt-exception-*} headers, and the partition
 * moves on, so other tickets keep flowing. A record that cannot be decoded or is invalid is not retried at all. The
 * dead-letter copy is scrubbed, its topic's retention bounded, and each one is logged and counted
 * ({@link DeadLetterRecoverer}).
 *
 * <p>Listeners are batch listeners: {@link InboundEvents} names the failing record of a poll by its index
 * ({@code BatchListenerFailedException}), after storing the markers of the records before it; this handler then
 * commits their offsets, retries or dead-letters that one record, and the rest of the poll is delivered again.
 *
 * <p>A record that came before the event it follows ({@link EarlierEventNotHandledException}) is not failing: it is
 * retried, its partition held, for up to {@code waitForEarlierEvent}, the pause doubling up to {@link #LONGEST_WAIT},
 * so that an order read before its ticket's opening (another topic) is not dead-lettered while that opening is still
 * on its way.
 */
public final class KafkaConsumerSupport {

    /** The longest pause between two tries of a record waiting for an earlier event. */
    static final long LONGEST_WAIT = 5_000;

    private KafkaConsumerSupport() {}

    public static DefaultErrorHandler errorHandler(
            KafkaOperations<?, ?> template,
            int retries,
            long initialBackoffMs,
            Duration waitForEarlierEvent,
            String fallbackGroup,
            TopicRetention retention,
            Duration deadLetterRetention,
            List<DeadLetterScrubber> scrubbers,
            MeterRegistry meters) {
        DeadLetterRecoverer recoverer =
                new DeadLetterRecoverer(template, fallbackGroup, retention, deadLetterRetention, scrubbers, meters);
        ExponentialBackOff backOff = new ExponentialBackOff(initialBackoffMs, 2.0);
        backOff.setMaxAttempts(retries);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        ExponentialBackOff waiting = new ExponentialBackOff(initialBackoffMs, 2.0);
        waiting.setMaxInterval(LONGEST_WAIT);
        waiting.setMaxElapsedTime(waitForEarlierEvent.toMillis());
        handler.setBackOffFunction((record, failure) -> waitsForAnEarlierEvent(failure) ? waiting : null);
        // A failed attempt that will be retried is not yet a dead letter: INFO, so that the recoverer's WARN is the
        // one line a dead-lettered record logs (delivery guarantee 5).
        handler.setLogLevel(KafkaException.Level.INFO);
        // Retrying cannot change these: bad input, or a rule that forbids the step (it lands with its reason).
        handler.addNotRetryableExceptions(
                MalformedCloudEventException.class,
                BadRequestException.class,
                RuleViolationException.class,
                IllegalArgumentException.class);
        return handler;
    }

    /** The listener's exception arrives wrapped (listener execution, batch index): its causes are looked through. */
    static boolean waitsForAnEarlierEvent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EarlierEventNotHandledException) {
                return true;
            }
        }
        return false;
    }
}
