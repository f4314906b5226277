// A department app following its work orders, with nothing but the plain Kafka client.
// Run (JDK 17, from the repository root, the standalone system running):
//   java -cp "$(cat docs/examples/classpath.txt)" docs/examples/DepartmentOrdersConsumer.java localhost:9092 ENGINEERING
// It prints each order event of the department as it arrives. Stop it with Ctrl-C; it resumes where it left off.
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

public class DepartmentOrdersConsumer {

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String department = args.length > 1 ? args[1] : "ENGINEERING";
        long stopAfterMs = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "department-app-" + department.toLowerCase());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

        long deadline = stopAfterMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + stopAfterMs;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("propdesk.dispatch.events"));
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String type = header(r, "ce_type");
                    String json = new String(r.value(), StandardCharsets.UTF_8);
                    // Order events name their department; others on the topic (contracts, month close) do not.
                    if (json.contains("\"department\":\"" + department + "\"")) {
                        System.out.printf("%s ticket=%s id=%s %s%n", type, r.key(), header(r, "ce_id"), json);
                    }
                }
                // At-least-once: commit after handling. A re-delivered event has the same ce_id; skip what you saw.
                consumer.commitSync();
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
