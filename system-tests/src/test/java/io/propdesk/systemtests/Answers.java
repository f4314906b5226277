package io.propdesk.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.propdesk.standalone.ServiceClient.Reply;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the system tests expect of the answers of {@link io.propdesk.standalone.ServiceClient}: a status now, or an
 * answer eventually (the services learn from each other via Kafka).
 */
public final class Answers {

    private Answers() {}

    /** Repeats the request until its answer satisfies {@code until}, for at most 60 s. */
    public static Reply eventually(Predicate<Reply> until, Supplier<Reply> request) {
        Reply[] last = new Reply[1];
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        last[0] = request.get();
                        return until.test(last[0]);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "never got the expected answer; the last one was "
                            + (last[0] == null ? "none" : last[0].status() + " " + last[0].raw()),
                    e);
        }
        return last[0];
    }

    public static Predicate<Reply> status(int... expected) {
        return r -> {
            for (int s : expected) {
                if (r.status() == s) {
                    return true;
                }
            }
            return false;
        };
    }

    public static void expect(Reply reply, int status) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
    }
}
