package io.jiraaccess.daemon.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.event.AuditEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a Jira audit log oldest first although both APIs page newest first: it fetches a time window
 * {@code [cursor time, to]} whole, sorts it, and returns what follows the {@link AuditCursor}. The window is the
 * open one (up to now) when it holds at most {@code windowCap} records (the usual case between two polls); when more
 * are waiting (the first poll, after an outage) it halves the window until it fits, so memory stays bounded and the
 * oldest records come first. A bounded window drops its last millisecond ({@code to} may cut it), which the next read
 * starts with.
 */
final class AuditLogReader {
    /** Identical Data Center events within one millisecond get {@code #n} appended to their key from the second on. */
    enum Keys { RECORD_ID, CONTENT_HASH }

    /** A mapped record: its time, its key in the cursor, its event. */
    record Entry(Instant at, String key, AuditEvent event) {
    }

    /** A record that did not map, with its text for the dead-letter index. */
    record Rejection(String reason, String original) {
    }

    /**
     * @param entries   records after the cursor, oldest first, at most the requested number
     * @param end       the cursor after {@code entries}; may move without entries over a stretch with nothing new
     * @param caughtUp  nothing more is waiting now
     */
    record Result(List<Entry> entries, List<Rejection> rejections, AuditCursor end, boolean caughtUp) {
    }

    private final AuditPages pages;
    private final Function<JsonNode, AuditMapping> mapper;
    private final Keys keys;
    private final int windowCap;

    AuditLogReader(AuditPages pages, Function<JsonNode, AuditMapping> mapper, Keys keys, int windowCap) {
        this.pages = pages;
        this.mapper = mapper;
        this.keys = keys;
        this.windowCap = windowCap;
    }

    /** What follows {@code cursor} (null: everything since {@code initialFrom}), at most {@code max} records. */
    Result read(AuditCursor cursor, Instant initialFrom, int max) {
        Instant from = cursor != null ? cursor.time() : initialFrom;
        Window open = fetch(from, null);
        if (!open.overflow) {
            return take(open, cursor, from, max, true);
        }
        Instant right = open.newest != null && open.newest.isAfter(from) ? open.newest : from.plusMillis(1);
        while (true) {
            Duration span = Duration.between(from, right);
            Instant to = span.toMillis() <= 1 ? from.plusMillis(1) : from.plusMillis(span.toMillis() / 2);
            Window w = fetch(from, to);
            if (w.overflow && Duration.between(from, to).toMillis() > 1) {
                right = to;
                continue;
            }
            if (w.overflow) {
                // more than windowCap records in one millisecond: take that millisecond whole
                w = fetchAll(from, from);
                return take(w, cursor, from, max, false);
            }
            w.entries.removeIf(e -> !e.at().isBefore(to));
            Result r = take(w, cursor, from, max, false);
            if (!r.entries().isEmpty()) {
                return r;
            }
            // nothing new before `to`: everything earlier is done, the next read starts there
            return new Result(List.of(), r.rejections(), new AuditCursor(to, Set.of()), false);
        }
    }

    private Result take(Window w, AuditCursor cursor, Instant from, int max, boolean openEnded) {
        List<Entry> fresh = new ArrayList<>();
        for (Entry e : w.entries) {
            if (cursor == null || cursor.before(e.at(), e.key())) {
                fresh.add(e);
            }
        }
        List<Entry> out = fresh.size() > max ? new ArrayList<>(fresh.subList(0, max)) : fresh;
        AuditCursor end = cursor;
        if (!out.isEmpty()) {
            Instant last = out.get(out.size() - 1).at();
            Set<String> atLast = new HashSet<>();
            if (cursor != null && cursor.time().equals(last)) {
                atLast.addAll(cursor.keys());
            }
            for (Entry e : out) {
                if (e.at().equals(last)) {
                    atLast.add(e.key());
                }
            }
            end = new AuditCursor(last, atLast);
        }
        return new Result(out, w.rejections, end, openEnded && out.size() == fresh.size());
    }

    /** The window's records up to {@code windowCap}, or overflow when there are more. */
    private Window fetch(Instant from, Instant to) {
        return fetch(from, to, windowCap);
    }

    private Window fetchAll(Instant from, Instant to) {
        return fetch(from, to, Integer.MAX_VALUE);
    }

    private Window fetch(Instant from, Instant to, int cap) {
        Window w = new Window();
        Map<String, JsonNode> byIdentity = new LinkedHashMap<>();
        List<JsonNode> records = new ArrayList<>();
        String token = null;
        int limit = Math.min(pages.maxLimit(), Math.max(1, cap == Integer.MAX_VALUE ? pages.maxLimit() : cap + 1));
        do {
            AuditPages.Page page = pages.page(from, to, token, limit);
            if (token == null && page.total() != null && page.total() > cap) {
                w.overflow = true;
            }
            for (JsonNode r : page.records()) {
                records.add(r);
            }
            if (token == null) {
                for (JsonNode r : page.records()) {
                    if (mapper.apply(r) instanceof AuditMapping.Mapped m && (w.newest == null || m.at().isAfter(w.newest))) {
                        w.newest = m.at();
                    }
                }
            }
            if (w.overflow || records.size() > cap) {
                w.overflow = true;
                return w;
            }
            token = page.next();
        } while (token != null);
        // oldest first; identical Data Center entities of one millisecond are told apart by their order
        Map<String, Integer> seen = new HashMap<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            JsonNode r = records.get(i);
            AuditMapping m = mapper.apply(r);
            if (m instanceof AuditMapping.Rejected rej) {
                w.rejections.add(new Rejection(rej.reason(), r.toString()));
                continue;
            }
            AuditMapping.Mapped mapped = (AuditMapping.Mapped) m;
            AuditEvent event = mapped.event();
            String key = keyOf(event);
            if (keys == Keys.CONTENT_HASH) {
                int n = seen.merge(mapped.at().toEpochMilli() + "|" + key, 1, Integer::sum) - 1;
                if (n > 0) {
                    key = key + "#" + n;
                    event = event.toBuilder().id(event.id() + "#" + n).build();
                }
            } else if (byIdentity.containsKey(key)) {
                continue; // offset paging repeated it
            }
            byIdentity.put(key, r);
            w.entries.add(new Entry(mapped.at(), key, event));
        }
        w.entries.sort(Comparator.comparing(Entry::at));
        return w;
    }

    private static String keyOf(AuditEvent e) {
        return String.valueOf(e.get("jira_access.jira_audit.id"));
    }

    private static final class Window {
        final List<Entry> entries = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        boolean overflow;
        Instant newest;
    }
}
