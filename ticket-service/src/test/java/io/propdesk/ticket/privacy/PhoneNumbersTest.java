package io.propdesk.ticket.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.platform.domain.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    private final PhoneNumbers numbers = new PhoneNumbers("CN");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "13800000000",
                "+86 138 0000 0000",
                "008613800000000",
                "+86-138-0000-0000",
                "(+86) 138 0000 0000",
                " 138 0000 0000 ",
                "0086 138.0000.0000"
            })
    void aMobileNumberInEveryFormPhoneSystemsSendIsOneE164Number(String raw) {
        assertThat(numbers.e164(raw)).isEqualTo("+8613800000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0755-1234567", "0755 1234567", "(0755) 1234567", "+86 755 1234567", "00867551234567"})
    void aLandlineWithItsAreaCodeIsReadInTheDefaultRegion(String raw) {
        assertThat(numbers.e164(raw)).isEqualTo("+867551234567");
    }

    @Test
    void aNumberWithItsOwnCountryCodeKeepsIt() {
        assertThat(numbers.e164("+44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(new PhoneNumbers("GB").e164("020 7946 0958")).isEqualTo("+442079460958");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "138-0000-000x", "12", "+999 1234567", "1380000000000000000", "+", "--"})
    void textThatIsNoPhoneNumberIsRefusedNamingTheField(String raw) {
        assertThatThrownBy(() -> numbers.e164("contacts[1].phone", raw))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.field()).isEqualTo("contacts[1].phone"));
    }

    @Test
    void aMissingNumberIsRefused() {
        assertThatThrownBy(() -> numbers.e164("number", " "))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.reason()).contains("required"));
    }

    @Test
    void anUnknownDefaultRegionStopsTheStart() {
        assertThatThrownBy(() -> new PhoneNumbers("XX"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("propdesk.privacy.default-region");
    }
}
