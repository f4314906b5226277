// A call-center system opening a ticket through Kafka, with nothing but the plain Kafka client (R1).
// Run (JDK 17, from the repository root, the standalone system running):
//   java -cp "$(cat docs/examples/classpath.txt)" docs/examples/CallCenterPublisher.java localhost:9092 sunrise-garden b1-101
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class CallCenterPublisher {

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String estate = args.length > 1 ? args[1] : "sunrise-garden";
        String unit = args.length > 2 ? args[2] : "b1-101";
        String callId = args.length > 3 ? args[3] : "cc-" + UUID.randomUUID();

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

        String now = Instant.now().toString();
        String json = """
                {"callId":"%s","estateId":"%s","unitId":"%s","kind":"REPAIR","paid":false,
                 "description":"No hot water","callerName":"Li","callerPhone":"13900000000",
                 "acceptor":"cc-agent-7","receivedAt":"%s"}""".formatted(callId, estate, unit, now);

        // CloudEvents 1.0, Kafka binary mode: attributes in ce_* headers, the event as the value, key = subject.
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("propdesk.callcenter.calls", callId,
                json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", callId); // stable across re-sends: PropDesk dedupes on it, and on the call id
        header(record, "ce_type", "propdesk.callcenter.CallRegistered.v1");
        header(record, "ce_source", "/callcenter");
        header(record, "ce_time", now);
        header(record, "ce_subject", callId);
        header(record, "content-type", "application/json");

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            var metadata = producer.send(record).get();
            System.out.printf("call %s registered on %s-%d@%d%n", callId, metadata.topic(), metadata.partition(),
                    metadata.offset());
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
