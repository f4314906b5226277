package io.propdesk.ticket.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The phones registered for a unit, replacing the ones before: each a name and a phone as the desk writes it (any
 * form {@code GET /api/callers} accepts). An empty list removes them all.
 */
public record ContactsRequest(
        @NotNull @Size(max = ContactsRequest.MAX) List<@NotNull @Valid Contact> contacts) {

    static final int MAX = 20;

    public record Contact(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 40) String phone) {

        /** Never the name or phone: a rejected request may end up in a log line. */
        @Override
        public String toString() {
            return "Contact[name=***, phone=***]";
        }
    }
}
