package io.propdesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The demo users' passwords are compared as the plain text they are documented as, and never "upgraded": Spring's
 * default encoder re-encodes a {@code {noop}} password with BCrypt on first use, after which every request pays for a
 * BCrypt check (found by the system benchmark, issue 8).
 */
class DemoPasswordsTest {

    @Test
    void aDemoPasswordMatchesItselfOnlyAndIsNeverReEncoded() {
        assertThat(StaffSecurity.DEMO_PASSWORDS.matches("desk-demo", "desk-demo"))
                .isTrue();
        assertThat(StaffSecurity.DEMO_PASSWORDS.matches("desk-demo ", "desk-demo"))
                .isFalse();
        assertThat(StaffSecurity.DEMO_PASSWORDS.matches(null, "desk-demo")).isFalse();
        assertThat(StaffSecurity.DEMO_PASSWORDS.upgradeEncoding("desk-demo")).isFalse();
    }
}
