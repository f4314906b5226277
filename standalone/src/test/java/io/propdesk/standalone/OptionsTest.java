package io.propdesk.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTheDocumentedPorts() {
        Options options = Options.parse();
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.mongoPort()).isEqualTo(27017);
        assertThat(options.dataDir()).isEqualTo(Path.of("data"));
        assertThat(options.servicePort("ticket")).isEqualTo(8081);
        assertThat(options.servicePort("dispatch")).isEqualTo(8082);
        assertThat(options.servicePort("callback")).isEqualTo(8083);
        assertThat(options.servicePort("billing")).isEqualTo(8084);
        assertThat(options.consolePort()).isEqualTo(8080);
        assertThat(options.demo()).isFalse();
    }

    @Test
    void readsBothArgumentStyles() {
        Options options = Options.parse(
                "--kafka-port=19092",
                "--mongo-port",
                "27018",
                "--data-dir=/tmp/pd",
                "--ticket-port=0",
                "--console-port",
                "18080",
                "--demo",
                "--logging.level.io.propdesk=DEBUG");
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.mongoPort()).isEqualTo(27018);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/pd"));
        assertThat(options.servicePort("ticket")).isZero();
        assertThat(options.consolePort()).isEqualTo(18080);
        assertThat(options.demo()).isTrue();
        assertThat(options.serviceArgs()).containsExactly("--logging.level.io.propdesk=DEBUG");
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> Options.parse("--kafka-port=abc")).hasMessageContaining("--kafka-port");
        assertThatThrownBy(() -> Options.parse("--mongo-port=70000")).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> Options.parse("--console-port=-1")).hasMessageContaining("--console-port");
        assertThatThrownBy(() -> Options.parse("--data-dir")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("--verbose")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Options.parse("demo")).hasMessageContaining("unexpected argument");
    }

    @Test
    void demoTicketsUseTheEstateCalendar() {
        // 2027-03-10T20:00Z is 04:00 on 11 March in Shanghai: "tomorrow 10:00" there is 12 March 02:00 UTC
        Clock clock = Clock.fixed(Instant.parse("2027-03-10T20:00:00Z"), ZoneOffset.UTC);
        List<String> tickets = new DemoLoader(clock).ticketsJson();
        assertThat(tickets).hasSize(3);
        assertThat(tickets.get(0)).contains("\"kind\":\"REPAIR\"", "\"receivedAt\":\"2027-03-10T20:00:00Z\"");
        assertThat(tickets.get(1)).contains("\"kind\":\"COMPLAINT\"", "\"severity\":\"NORMAL\"");
        assertThat(tickets.get(2)).contains("\"kind\":\"CLEANING_HOURLY\"", "\"serviceTime\":\"2027-03-12T02:00:00Z\"");
        assertThat(DemoLoader.estateJson())
                .startsWith("{\"name\":\"Sunrise Garden\"")
                .contains("\"units\":[\"b1-101\",\"b1-102\"]");
    }
}
