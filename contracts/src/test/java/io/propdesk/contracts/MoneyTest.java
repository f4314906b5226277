package io.propdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void serializesAsDecimalStringWithTwoDecimalsAndCurrency() {
        String json = new String(CloudEventCodec.toJson(Money.cny("128")), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"amount\":\"128.00\",\"currency\":\"CNY\"}");
    }

    @Test
    void keepsItsWireFormatUnderAPlainObjectMapperToo() throws Exception {
        // REST layers serialize with their own mapper; the format must not depend on the codec's settings
        assertThat(new ObjectMapper().writeValueAsString(Money.cny("1E+3")))
                .isEqualTo("{\"amount\":\"1000.00\",\"currency\":\"CNY\"}");
    }

    @Test
    void roundsHalfUpOnConstructionWhereADoubleWouldRoundDown() {
        assertThat(new Money(new BigDecimal("1.005"), "CNY").amount()).isEqualByComparingTo("1.01");
        assertThat(new Money(new BigDecimal("1.004"), "CNY").amount()).hasToString("1.00");
        assertThat(new Money(BigDecimal.valueOf(1.005), "CNY").amount()).hasToString("1.01");
        // the trap it avoids: 1.005d is 1.00499999999999989..., which rounds to 1.00
        assertThat(new BigDecimal(1.005d).setScale(2, java.math.RoundingMode.HALF_UP))
                .hasToString("1.00");
    }

    @Test
    void readsAmountsExactlyWhetherStringOrJsonNumber() {
        Money fromString = CloudEventCodec.fromJson(
                "{\"amount\":\"1.005\",\"currency\":\"CNY\"}".getBytes(StandardCharsets.UTF_8), Money.class);
        Money fromNumber = CloudEventCodec.fromJson(
                "{\"amount\":1.005,\"currency\":\"CNY\"}".getBytes(StandardCharsets.UTF_8), Money.class);

        assertThat(fromString).isEqualTo(Money.cny("1.01"));
        assertThat(fromNumber).isEqualTo(Money.cny("1.01"));
    }

    @Test
    void equalAmountsAreEqualWhateverTheirWrittenScale() {
        assertThat(Money.cny("128")).isEqualTo(Money.cny("128.000")).isEqualTo(Money.of("128.00", "CNY"));
        assertThat(Money.cny("128").amount().scale()).isEqualTo(2);
    }

    @Test
    void addsMultipliesAndSubtractsExactly() {
        assertThat(Money.cny("0.10").plus(Money.cny("0.20"))).isEqualTo(Money.cny("0.30"));
        assertThat(Money.cny("64").times(2).minus(Money.cny("28"))).isEqualTo(Money.cny("100"));
        assertThat(Money.zero("CNY").plus(Money.cny("1"))).hasToString("1.00 CNY");
    }

    @Test
    void refusesToMixCurrenciesOrAcceptMalformedOnes() {
        assertThatThrownBy(() -> Money.cny("1").plus(Money.of("1", "HKD")))
                .hasMessageContaining("different currencies");
        assertThatThrownBy(() -> Money.of("1", "yuan")).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> new Money(null, "CNY")).isInstanceOf(NullPointerException.class);
    }
}
