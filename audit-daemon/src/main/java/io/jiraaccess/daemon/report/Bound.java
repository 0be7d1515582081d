package io.jiraaccess.daemon.report;

/**
 * A value the report shows and where it came from: the query and the place in its response. The report prints both
 * (as {@code data-q} and {@code data-path}) so every number can be traced to its query and checked.
 *
 * @param text    the text shown, exactly the response's value (numbers with thousands separators)
 * @param queryId the query, or null for a value the report derived or has not got
 * @param path    the place in the response, or null
 */
public record Bound(String text, String queryId, String path) {
    /** Shown when a value is absent. */
    public static final String NONE = "\u2014";

    public static Bound none() {
        return new Bound(NONE, null, null);
    }

    /** A value the report computed itself (e.g. days until expiry), not read from a response. */
    public static Bound derived(String text) {
        return new Bound(text, null, null);
    }

    public boolean bound() {
        return queryId != null && path != null;
    }

    public boolean isNone() {
        return NONE.equals(text);
    }
}
