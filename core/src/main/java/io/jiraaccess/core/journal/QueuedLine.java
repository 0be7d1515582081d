package io.jiraaccess.core.journal;

/** An appended event's line (with its line break), waiting to be written. */
record QueuedLine(long seq, byte[] bytes) {
}
