package io.propdesk.systemtests.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A topic's records several times over, each further copy the same history of other tickets: for the rebuild
 * section of the system benchmark (issue 19 goal 4), which times each projection on a topic large enough that the
 * JIT's warm-up does not decide the figure.
 *
 * <p>Every id the system makes for a ticket and what follows from it (tickets, calls, orders, callbacks,
 * obligations, events) is or contains a random UUID. Copy {@code k} changes every UUID in a record's key, headers
 * and value the same way: the first eight hex digits are XORed with a mask of {@code k}. Within a copy that is one
 * to one, so the copy's records refer to each other as the originals do; between copies the same UUID gets
 * different ids. What holds no UUID (estates, units, stewards, times) is shared by all copies, as it would be by
 * other tickets of the same estates.
 */
final class TopicCopies {

    private static final Pattern UUID = Pattern.compile(
            "([0-9a-f]{8})(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", Pattern.CASE_INSENSITIVE);

    private TopicCopies() {}

    /**
     * Each topic's records followed by {@code copies - 1} changed copies of them, with offsets continuing after
     * the original's; {@code copies = 1} answers the records as they are.
     */
    static Map<String, List<ConsumerRecord<String, byte[]>>> of(
            Map<String, List<ConsumerRecord<String, byte[]>>> byTopic, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, was " + copies);
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> result = new LinkedHashMap<>();
        byTopic.forEach((topic, records) -> {
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.size() * copies);
            all.addAll(records);
            long span = records.stream().mapToLong(ConsumerRecord::offset).max().orElse(-1) + 1;
            for (int k = 1; k < copies; k++) {
                for (ConsumerRecord<String, byte[]> r : records) {
                    all.add(copy(r, k, span * k));
                }
            }
            result.put(topic, all);
        });
        return result;
    }

    /** The record as copy {@code k} has it, {@code shift} offsets further on. */
    static ConsumerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> r, int k, long shift) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(h.key(), h.value() == null ? null : bytes(rename(text(h.value()), k)));
        }
        String key = r.key() == null ? null : rename(r.key(), k);
        byte[] value = r.value() == null ? null : bytes(rename(text(r.value()), k));
        return new ConsumerRecord<>(
                r.topic(),
                r.partition(),
                r.offset() + shift,
                r.timestamp(),
                r.timestampType(),
                key == null ? -1 : bytes(key).length,
                value == null ? -1 : value.length,
                key,
                value,
                headers,
                Optional.empty());
    }

    /** {@code text} with every UUID in it as copy {@code k} has it. */
    static String rename(String text, int k) {
        int mask = k * 0x9E3779B9; // odd, so distinct copies get distinct masks
        Matcher m = UUID.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            int first = (int) Long.parseLong(m.group(1), 16);
            String renamed = String.format("%08x", first ^ mask);
            m.appendReplacement(out, renamed + m.group(2));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
