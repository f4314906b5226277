package io.propdesk.platform.kafka;

/**
 * What a service removes from a record of one of its inbound topics before the record is copied to its dead-letter
 * topic: a dead-letter copy must not carry personal data in the clear. A service supplies it as a
 * bean; records of other topics are copied as they are.
 */
public interface DeadLetterScrubber {

    /** The topic whose records this scrubber cleans (the source topic, not the dead-letter topic). */
    String topic();

    /**
     * The value to dead-letter instead of the record's own. It must never throw and never answer the personal fields:
     * a value it cannot read is better dropped (answer an empty array) than copied.
     */
    byte[] scrub(byte[] value);
}
