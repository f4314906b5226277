package io.propdesk.ticket.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.propdesk.platform.domain.BadRequestException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Phone numbers as phone systems send them ({@code 13800000000}, {@code +86 138 0000 0000}, {@code 008613800000000},
 * {@code 0755-1234567}, with spaces, dashes, dots or parentheses) turned into one E.164 form ({@code +8613800000000}),
 * so a number registered one way is found when a PBX sends it another. A number without a country code belongs to the
 * configured default region. Possible-length checks only: a PBX's extension plan or a new number range must not make
 * a caller unfindable, while text that is no phone number at all is refused.
 */
@Component
public class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_INPUT = 40;

    private final String defaultRegion;

    @Autowired
    public PhoneNumbers(PrivacyProperties properties) {
        this(properties.defaultRegion());
    }

    public PhoneNumbers(String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalStateException("propdesk.privacy.default-region: '" + defaultRegion
                    + "' is no region libphonenumber knows" + " (an ISO 3166 alpha-2 code such as CN)");
        }
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The number in E.164; a {@link BadRequestException} naming {@code field} when it is no phone number. */
    public String e164(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadRequestException(field, "a phone number is required");
        }
        if (raw.length() > MAX_INPUT) {
            throw new BadRequestException(field, "at most " + MAX_INPUT + " characters");
        }
        if (!raw.matches("[0-9+()\\-. \\t]+")) {
            throw new BadRequestException(
                    field, "not a phone number: only digits, a leading + and spaces, dashes, dots or parentheses");
        }
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(raw.trim(), defaultRegion);
        } catch (NumberParseException e) {
            throw new BadRequestException(field, "not a phone number (" + reason(e) + ")");
        }
        if (!UTIL.isPossibleNumber(number)) {
            throw new BadRequestException(
                    field,
                    "not a possible phone number for country code +" + number.getCountryCode()
                            + " (too short or too long)");
        }
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /** The same, for a value that must already be one (a stored number): {@code number} names the field. */
    public String e164(String raw) {
        return e164("number", raw);
    }

    private static String reason(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case NOT_A_NUMBER -> "no digits of a phone number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
            case TOO_LONG -> "too long";
        };
    }
}
