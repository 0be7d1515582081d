package io.jiraaccess.daemon.testing;

import java.util.List;

/** What the Jenkins stand-in serves: a journal's NDJSON lines after a seq, and its acknowledged cursor. */
public interface JournalBackend {
    /** NDJSON lines (no line breaks) of the events after {@code seq}, at most {@code limit}. */
    List<String> linesAfter(long seq, int limit);

    /** The newest seq, or -1. */
    long head();

    /** The reader has everything up to {@code seq}. */
    void acknowledge(long seq);
}
