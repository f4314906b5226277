package io.propdesk.platform.kafka;

/**
 * An event arrived before the event it follows, which comes on another topic and which this consumer has not handled
 * yet (Kafka orders records within a partition only: an order's dispatch can be read before its ticket's opening,
 * after a restart or a rebalance). The record is retried on a longer back-off than a failing one, its partition held,
 * until the earlier event has been handled; only if it never is does the record go to its dead-letter topic
 * ({@link KafkaConsumerSupport}).
 */
public class EarlierEventNotHandledException extends RuntimeException {

    public EarlierEventNotHandledException(String message) {
        super(message);
    }
}
