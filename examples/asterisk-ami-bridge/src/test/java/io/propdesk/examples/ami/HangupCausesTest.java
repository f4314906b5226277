package io.propdesk.examples.ami;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HangupCausesTest {

    @ParameterizedTest(name = "Q.850 {0} is {1}")
    @CsvSource({
        "16, normalClearing",
        "17, busy",
        "21, busy",
        "18, noAnswer",
        "19, noAnswer",
        "1, notFound",
        "3, notFound",
        "28, notFound",
        "34, congestion",
        "38, congestion",
        "41, congestion",
        "42, congestion",
        "0, normalClearing",
        "31, normalClearing",
    })
    void anAnsweredCallEndsAsItsChannelSays(int q850, String cause) {
        assertThat(HangupCauses.ofCall(true, q850, null, false)).isEqualTo(cause);
    }

    @ParameterizedTest(name = "unanswered, Q.850 {0}, last dial {1}: {2}")
    @CsvSource({
        "19, , noAnswer", // the channel's own cause wins when it says more than normal clearing
        "17, NOANSWER, busy",
        "16, NOANSWER, noAnswer", // the dialplan ended normally after a dial nobody answered
        "16, BUSY, busy",
        "16, CANCEL, cancel",
        "16, CHANUNAVAIL, congestion",
        "16, CONGESTION, congestion",
        "16, , cancel", // the caller hung up before anyone was dialled
    })
    void anUnansweredCallEndsAsItsLastDialSaysWhenTheChannelOnlySaysNormalClearing(
            int q850, String dialStatus, String cause) {
        assertThat(HangupCauses.ofCall(false, q850, dialStatus, false)).isEqualTo(cause);
    }

    @ParameterizedTest(name = "unanswered, Q.850 16, last dial forwarded: forwarded")
    @CsvSource({"16, NOANSWER"})
    void anUnansweredCallWhoseLastDialWasForwardedIsForwarded(int q850, String dialStatus) {
        assertThat(HangupCauses.ofCall(false, q850, dialStatus, true)).isEqualTo("forwarded");
    }
}
