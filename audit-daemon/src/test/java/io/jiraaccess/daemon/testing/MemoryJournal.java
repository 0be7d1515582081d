package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory journal with the agreed semantics of core's {@code EventJournal}: {@code append} assigns a monotonic
 * seq and {@code event.id = <service>:<seq>}.
 */
public final class MemoryJournal implements JournalBackend {
    private final String service;
    private final List<String> lines = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private long acknowledged;

    public MemoryJournal(String service) {
        this.service = service;
    }

    /** Appends a token.used event and returns its event.id. */
    public synchronized String append(Instant at) {
        long seq = lines.size() + 1;
        String id = service + ":" + seq;
        AuditEvent e = AuditEvent.builder(EventAction.TOKEN_USED, at).id(id).seq(seq).service(service)
                .credential("cred-" + (seq % 7), "pat", "0123456789abcdef", null, null, null)
                .pipeline("job-" + (seq % 3), String.valueOf(seq), null, "agent-1")
                .outcome(true).build();
        lines.add(e.toJson());
        ids.add(id);
        return id;
    }

    public synchronized List<String> ids() {
        return List.copyOf(ids);
    }

    @Override
    public synchronized List<String> linesAfter(long seq, int limit) {
        int from = (int) Math.max(0, seq);
        return List.copyOf(lines.subList(Math.min(from, lines.size()), Math.min(lines.size(), from + limit)));
    }

    @Override
    public synchronized long head() {
        return lines.size();
    }

    @Override
    public synchronized void acknowledge(long seq) {
        acknowledged = Math.max(acknowledged, seq);
    }

    public synchronized long acknowledged() {
        return acknowledged;
    }
}
