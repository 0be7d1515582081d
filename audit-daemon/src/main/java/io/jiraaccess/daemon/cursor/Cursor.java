package io.jiraaccess.daemon.cursor;

/**
 * Where a source stands: {@code position} is the source's own notation (a journal seq, a spool file and offset),
 * null before the first save; {@code revision} identifies the stored version, so a save can refuse to overwrite a
 * newer one written by another daemon.
 */
public record Cursor(String position, String revision) {
    /** The cursor of a source that has never saved one. */
    public static final Cursor NONE = new Cursor(null, null);

    public boolean isNone() {
        return position == null;
    }
}
