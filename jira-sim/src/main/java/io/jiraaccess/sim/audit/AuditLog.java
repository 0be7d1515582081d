package io.jiraaccess.sim.audit;

import io.jiraaccess.sim.model.User;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** The simulator's audit trail, newest last in memory; bounded so a long benchmark cannot exhaust the heap. */
public final class AuditLog {

    public static final int DEFAULT_CAPACITY = 200_000;

    private final Clock clock;
    private final int capacity;
    private final Deque<AuditEntry> entries = new ArrayDeque<>();
    private long nextId = 10_000;

    public AuditLog(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    public synchronized AuditEntry record(AuditKind kind, User author, String remoteAddress, AuditEntry.AuthInfo auth,
                                          AuditEntry.ObjectItem object, List<AuditEntry.ChangedValue> changed,
                                          String description) {
        AuditEntry entry = new AuditEntry(nextId++, clock.instant(), kind, author, remoteAddress, auth, object,
                changed, description);
        entries.addLast(entry);
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
        return entry;
    }

    /** Matching entries, newest first (both Jira audit APIs page from the newest). */
    public synchronized List<AuditEntry> newestFirst(Predicate<AuditEntry> filter) {
        List<AuditEntry> result = new ArrayList<>();
        Iterator<AuditEntry> it = entries.descendingIterator();
        while (it.hasNext()) {
            AuditEntry entry = it.next();
            if (filter.test(entry)) {
                result.add(entry);
            }
        }
        return result;
    }

    public synchronized List<AuditEntry> all() {
        return new ArrayList<>(entries);
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
        nextId = 10_000;
    }

    /** Inclusive time window check, with either bound optional. */
    public static boolean within(Instant at, Instant from, Instant to) {
        return (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to));
    }
}
