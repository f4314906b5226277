package io.propdesk.callback.domain;

/** Who owes an obligation (DOMAIN.md, people and parts). */
public enum Party {
    STEWARD,
    ACCEPTOR,
    DEPARTMENT,
    LIAISON,
    MANAGER,
    /** C4: a late complaint is followed up jointly. */
    ACCEPTOR_AND_STEWARD;

    /** The party a published label names ({@link #label()}). */
    public static Party ofLabel(String label) {
        for (Party p : values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("not a party: " + label);
    }

    public String label() {
        return this == ACCEPTOR_AND_STEWARD ? "acceptor+steward" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
