package io.propdesk.platform.web.paging;

import io.propdesk.platform.domain.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page ended: the last row's sort key and its id (the tie-break, so rows with equal keys are neither skipped
 * nor repeated). Clients see it only as an opaque token (base64url); its content is ours to change.
 */
public record Cursor(String key, String id) {

    /** Longer than any cursor we hand out; a longer one is not ours. */
    static final int MAX_TOKEN_LENGTH = 512;

    private static final char SEPARATOR = '\n';

    public Cursor {
        if (key == null || key.indexOf(SEPARATOR) >= 0 || id == null) {
            throw new IllegalArgumentException("a cursor needs a key without line breaks and an id");
        }
    }

    /** A list sorted by an instant, to full precision, then by id. */
    public static Cursor of(Instant at, String id) {
        return new Cursor(at.toString(), id);
    }

    /** The key of a cursor made by {@link #of(Instant, String)}; 400 naming {@code cursor} when it is not one. */
    public Instant instant() {
        try {
            return Instant.parse(key);
        } catch (DateTimeParseException e) {
            throw malformed();
        }
    }

    /**
     * Compares this position with a row's (instant, id), ascending: negative when the row comes after the cursor in
     * an ascending list (so an ascending page takes rows with a negative answer, a descending one positive).
     */
    public int compareTo(Instant at, String rowId) {
        int byKey = instant().compareTo(at);
        return byKey != 0 ? byKey : id.compareTo(rowId);
    }

    public String token() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((key + SEPARATOR + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; 400 naming {@code cursor} when it is not one we handed out. */
    public static Cursor parse(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw malformed();
        }
        String text;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            throw malformed();
        }
        int split = text.indexOf(SEPARATOR);
        if (split <= 0 || split == text.length() - 1) {
            throw malformed();
        }
        return new Cursor(text.substring(0, split), text.substring(split + 1));
    }

    static BadRequestException malformed() {
        return new BadRequestException(
                "cursor",
                "not a cursor this list handed out; use the Link rel=\"next\" of "
                        + "the previous page as it is, or start again without a cursor");
    }
}
