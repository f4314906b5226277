package io.propdesk.examples.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BridgeOptionsTest {

    private static final Map<String, String> ENV = Map.of(
            "AMI_HOST", "pbx.example.net",
            "AMI_USER", "propdesk",
            "AMI_SECRET", "s3cret",
            "PROPDESK_USER", "callcenter",
            "PROPDESK_PASSWORD", "callcenter-demo");

    @Test
    void takesEachSettingFromItsArgumentElseTheEnvironmentElseTheDefault() {
        BridgeOptions options = BridgeOptions.parse(
                new String[] {"--ami-port=15038", "--propdesk-url=https://desk.example.net/", "--max-attempts=3"},
                ENV,
                Clock.systemUTC());

        assertThat(options.amiHost()).isEqualTo("pbx.example.net");
        assertThat(options.amiPort()).isEqualTo(15038);
        assertThat(options.amiUser()).isEqualTo("propdesk");
        assertThat(options.delivery().endpoint()).isEqualTo(URI.create("https://desk.example.net/api/cti/events"));
        assertThat(options.delivery().auth()).isEqualTo(new CtiAuth.Basic("callcenter", "callcenter-demo"));
        assertThat(options.delivery().maxAttempts()).isEqualTo(3);
        assertThat(options.delivery().firstPause()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.dialplan().trunkChannelPrefixes()).containsExactly("PJSIP/trunk", "SIP/trunk");
        assertThat(options.dialplan().inboundContexts()).containsExactlyInAnyOrder("from-trunk", "from-pstn");
        assertThat(options.dialplan().extensionPattern().pattern())
                .isEqualTo(Pattern.compile("[0-9]{2,5}").pattern());
    }

    @Test
    void signsInsteadOfBasicWhenGivenAWebhookSecret() {
        BridgeOptions options = BridgeOptions.parse(
                new String[] {"--webhook-secret=whsec_cHJvcGRlc2stZGVtby1zZWNyZXQ="},
                Map.of("AMI_USER", "propdesk", "AMI_SECRET", "s3cret"),
                Clock.systemUTC());

        assertThat(options.delivery().auth()).isInstanceOf(CtiAuth.Signed.class);
    }

    @Test
    void refusesBothWaysOfAuthenticatingOrNeither() {
        assertThatThrownBy(() -> BridgeOptions.parse(
                        new String[] {"--webhook-secret=whsec_cHJvcGRlc2stZGVtby1zZWNyZXQ="}, ENV, Clock.systemUTC()))
                .hasMessageContaining("either --user and --password or --webhook-secret");
        assertThatThrownBy(() -> BridgeOptions.parse(
                        new String[0], Map.of("AMI_USER", "propdesk", "AMI_SECRET", "s3cret"), Clock.systemUTC()))
                .hasMessageContaining("either --user and --password or --webhook-secret");
    }

    @Test
    void namesAMissingOrUnknownSetting() {
        assertThatThrownBy(() -> BridgeOptions.parse(
                        new String[] {"--user=callcenter", "--password=x"}, Map.of(), Clock.systemUTC()))
                .hasMessageContaining("--ami-user (or AMI_USER) is required");
        assertThatThrownBy(() -> BridgeOptions.parse(new String[] {"--ami-pass=x"}, ENV, Clock.systemUTC()))
                .hasMessageContaining("unknown option --ami-pass");
    }

    @Test
    void helpDocumentsEveryOptionAndItsVariable() {
        for (String option : new String[] {
            "--ami-host",
            "--ami-port",
            "--ami-user",
            "--ami-secret",
            "--propdesk-url",
            "--user",
            "--password",
            "--webhook-secret",
            "--max-attempts",
            "--first-pause-ms",
            "--max-pause-ms",
            "--trunks",
            "--inbound-contexts",
            "--extension-pattern",
            "--external-pattern"
        }) {
            assertThat(BridgeOptions.HELP).contains(option + "=");
            String variable = BridgeOptions.variableOf(option.substring(2));
            assertThat(BridgeOptions.HELP).contains("[" + variable + "]");
        }
    }
}
