package io.propdesk.ticket.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.platform.security.StaffSecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static final String SECRET = "a-server-secret-of-at-least-32-characters";

    @Test
    void theSameNumberUnderTheSameSecretGivesTheSameIndex() {
        assertThat(new BlindIndex(SECRET).of("+8613800000000"))
                .isEqualTo(new BlindIndex(SECRET).of("+8613800000000"))
                .isNotEqualTo(new BlindIndex(SECRET).of("+8613800000001"));
    }

    @Test
    void theIndexIsKeyedSoNobodyWithoutTheSecretCanEnumerateNumbers() throws Exception {
        String index = new BlindIndex(SECRET).of("+8613800000000");
        String plainHash = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest("+8613800000000".getBytes(StandardCharsets.UTF_8)));

        assertThat(index).isNotEqualTo(plainHash).doesNotContain("13800000000");
        assertThat(new BlindIndex(SECRET + "-other").of("+8613800000000")).isNotEqualTo(index);
    }

    @Test
    void jwtModeRefusesToStartWithoutASecret() {
        StaffSecurityProperties jwt = new StaffSecurityProperties();
        jwt.setMode(StaffSecurityProperties.Mode.JWT);

        assertThatThrownBy(() -> new BlindIndex(new PrivacyProperties(null, "CN"), jwt))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("propdesk.privacy.blind-index-secret")
                .hasMessageContaining("PROPDESK_PRIVACY_BLIND_INDEX_SECRET");
    }

    @Test
    void demoModeUsesTheDocumentedDemoSecretWhenNoneIsSet() {
        StaffSecurityProperties demo = new StaffSecurityProperties();
        demo.setMode(StaffSecurityProperties.Mode.DEMO);

        assertThat(new BlindIndex(new PrivacyProperties(" ", "CN"), demo).of("+8613800000000"))
                .isEqualTo(new BlindIndex(BlindIndex.DEMO_SECRET).of("+8613800000000"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new BlindIndex("too-short")).hasMessageContaining("at least 32");
    }

    @Test
    void onlyNormalisedNumbersAreIndexed() {
        assertThatThrownBy(() -> new BlindIndex(SECRET).of("13800000000")).isInstanceOf(IllegalArgumentException.class);
    }
}
