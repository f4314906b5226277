package io.propdesk.billing.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.propdesk.embedded.SharedInfrastructure;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19: a statement month's customer list is written only when it changes, counted at the MongoDB driver. */
class MonthBookIT {

    private final AtomicLong writes = new AtomicLong();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(
                    new ConnectionString(SharedInfrastructure.get().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("update")) {
                        writes.incrementAndGet();
                    }
                }
            })
            .build());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aCustomerAlreadyListedForTheMonthCostsNoWriteAndTheListStaysComplete_issue19() {
        MonthBook book = new MonthBook(
                client.getDatabase("month_book_" + UUID.randomUUID().toString().substring(0, 8)));
        YearMonth december = YearMonth.of(2026, 12);

        book.addCustomer(december, "b1-101", "sunrise");
        book.addCustomer(december, "b1-101", "sunrise"); // a second paid order of the same unit
        book.addCustomer(december, "b1-102", "sunrise");
        book.markClosed(december);

        assertThat(writes.get()).as("two customers and the close").isEqualTo(3);
        assertThat(book.customers(december)).isEqualTo(Map.of("b1-101", "sunrise", "b1-102", "sunrise"));
        assertThat(book.isClosed(december)).isTrue();
    }
}
