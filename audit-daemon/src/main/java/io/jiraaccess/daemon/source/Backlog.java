package io.jiraaccess.daemon.source;

/** How much a source knows to be waiting: {@code amount} in {@code unit} (events, bytes), or unknown (-1). */
public record Backlog(long amount, String unit) {
    public static final Backlog UNKNOWN = new Backlog(-1, "events");

    public boolean known() {
        return amount >= 0;
    }
}
