package io.propdesk.platform.eventstore;

import java.util.Map;
import java.util.Set;

/**
 * The relay's cheap "is there anything after what I published?" (issue 19): commits of one aggregate follow each
 * other without gaps, so after a commit ending at {@code n} the next one, if any, starts exactly at {@code n + 1}, and
 * one {@code _id} lookup per aggregate answers it for a whole sweep in one read.
 */
@FunctionalInterface
public interface CommitStarts {

    /** The aggregates among the keys that have a commit starting exactly at the given sequence number. */
    Set<String> startingAt(Map<String, Long> firstSequences);
}
