package io.propdesk.ticket.api;

import io.propdesk.contracts.access.Access;
import io.propdesk.platform.security.Staff;

/**
 * Whether the caller's role may read owners' names and phones: exactly the roles the access table admits to read a
 * ticket (which shows its caller), so every answer that could show personal data decides it the same way.
 */
final class PersonalDataReaders {

    private PersonalDataReaders() {}

    static boolean mayRead() {
        Staff caller = Staff.current();
        return Access.find("ticket", "GET", "/api/tickets/any")
                .map(row -> caller.roles().stream().anyMatch(row::admits))
                .orElse(false);
    }
}
