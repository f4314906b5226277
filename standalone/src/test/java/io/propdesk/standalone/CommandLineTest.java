package io.propdesk.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 14 item 2: one reader of {@code --name=value} arguments for the system and its benchmark and fault commands. */
class CommandLineTest {

    @Test
    void readsNameEqualsValueTheNextArgumentForValuedNamesAndBareFlags_issue14_item2() {
        CommandLine args = CommandLine.parse(
                new String[] {"--tickets=10", "--data-dir", "/tmp/x", "--demo", "--faults=poison, rebuild"},
                Set.of("data-dir"));
        assertThat(args.number("tickets", 100)).isEqualTo(10);
        assertThat(args.text("data-dir", "data")).isEqualTo("/tmp/x");
        assertThat(args.flag("demo")).isTrue();
        assertThat(args.list("faults", List.of())).containsExactly("poison", "rebuild");
        assertThat(args.number("parallel", 8)).as("absent: the default").isEqualTo(8);
        assertThat(args.args())
                .extracting(CommandLine.Arg::name)
                .containsExactly("tickets", "data-dir", "demo", "faults");
    }

    @Test
    void refusesWhatItCannotReadNamingTheOption_issue14_item2() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"10"}, Set.of()))
                .hasMessageContaining("unexpected argument '10'");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--tickets=ten"}, Set.of())
                        .number("tickets", 1))
                .hasMessageContaining("--tickets must be a number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--seed"}, Set.of("seed")))
                .hasMessageContaining("--seed needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--seed", "--tickets=1"}, Set.of("seed")))
                .as("an option is no value")
                .hasMessageContaining("--seed needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--tickets=1", "--ticket=2"}, Set.of())
                        .only(Set.of("tickets")))
                .hasMessageContaining("unknown option '--ticket'");
        assertThat(CommandLine.parse(new String[] {"--demo=false"}, Set.of()).flag("demo"))
                .isFalse();
    }
}
