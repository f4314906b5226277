package io.propdesk.platform.kafka;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Wraps every listener container's Kafka consumer so that {@link InboundEvents} writes the dedupe markers of a poll
 * in one bulk write just before that poll's offsets are committed (delivery guarantees 3 and 4: offsets only after
 * handling, and after the markers): a poll marks its thread, every {@code commitSync}/{@code commitAsync} first writes
 * what the thread holds. Under load, when a poll brings many records, this turns one committed store write per event
 * into one per poll.
 */
public final class MarkersBeforeCommit {

    private MarkersBeforeCommit() {
    }

    /** Registers the wrapper on a consumer factory (Spring Boot's, through a customizer). */
    public static <K, V> void register(DefaultKafkaConsumerFactory<K, V> factory, InboundEvents inbound) {
        factory.addPostProcessor(consumer -> wrap(consumer, inbound));
    }

    @SuppressWarnings("unchecked")
    static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer, InboundEvents inbound) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("poll")) {
                inbound.holdMarkersOnThisThread();
            } else if (name.startsWith("commit")) {
                inbound.writeHeldMarkers();
            }
            try {
                return method.invoke(consumer, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Consumer<K, V>) Proxy.newProxyInstance(MarkersBeforeCommit.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, handler);
    }
}
