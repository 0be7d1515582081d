package io.jiraaccess.daemon.jira;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The position of a Jira audit source: every record created before {@code time} is indexed, and of those created in
 * the millisecond {@code time} exactly the ones whose keys are listed (record id on Cloud, entity hash on Data
 * Center). Records sharing a millisecond with the cursor are thus neither lost nor indexed twice.
 * Encoded as {@code <epoch millis>|<key>,<key>...}.
 */
public record AuditCursor(Instant time, Set<String> keys) {
    public AuditCursor {
        keys = Set.copyOf(keys);
    }

    /** True for a record after this position. */
    public boolean before(Instant at, String key) {
        int c = at.compareTo(time);
        return c > 0 || c == 0 && !keys.contains(key);
    }

    public String encode() {
        return time.toEpochMilli() + "|" + String.join(",", new TreeSet<>(keys));
    }

    /** The cursor in {@code position}, or null for none. */
    public static AuditCursor decode(String position, String sourceId) {
        if (position == null || position.isEmpty()) {
            return null;
        }
        int bar = position.indexOf('|');
        try {
            if (bar > 0) {
                Instant t = Instant.ofEpochMilli(Long.parseLong(position.substring(0, bar)));
                String rest = position.substring(bar + 1);
                return new AuditCursor(t, rest.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(rest.split(","))));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // reported below
        }
        throw new IllegalStateException("the cursor of " + sourceId + " is not an audit cursor (<millis>|<keys>); delete "
                + "it to read the audit log again from the look-back window (ids are deterministic: nothing is duplicated)");
    }
}
