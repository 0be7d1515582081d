package io.jiraaccess.daemon.cursor;

/** Another daemon saved this source's cursor since it was loaded: this daemon must not advance it. */
public class CursorConflictException extends RuntimeException {
    public CursorConflictException(String sourceId) {
        super("the cursor of " + sourceId + " was saved by another daemon since it was read; this poll stops and the "
                + "next one starts from the newer cursor (several daemons should share one clustered Quartz scheduler)");
    }
}
