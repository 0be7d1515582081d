package io.jiraaccess.daemon.jira;

import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Jira site's audit log as a source: Cloud audit records ({@link CloudAuditMapper}, cursor by creation time and
 * record id) or Data Center audit events ({@link DcAuditMapper}, cursor by time and entity hash), read oldest first by
 * {@link AuditLogReader}. The first poll starts {@code lookback} ago. Records that do not map go to the dead-letter
 * index with the reason (once per daemon run once acknowledged).
 */
public final class JiraAuditSource implements EventSource {
    private static final int MAX_ORIGINAL = 64 * 1024;
    private static final int REMEMBERED_REJECTIONS = 10_000;

    private final String name;
    private final JiraFlavor flavor;
    private final AuditLogReader reader;
    private final Duration lookback;
    private final Clock clock;
    private final Set<String> reported = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_REJECTIONS;
        }
    });

    /**
     * @param name      the {@code jira[].name}
     * @param site      the site's base URL, as events name it
     * @param windowCap most records held in memory at once
     */
    public JiraAuditSource(String name, JiraFlavor flavor, String site, JiraCalls calls, Duration lookback,
                           int windowCap, Clock clock) {
        this.name = name;
        this.flavor = flavor;
        this.lookback = lookback;
        this.clock = clock;
        this.reader = flavor == JiraFlavor.CLOUD
                ? new AuditLogReader(new CloudAuditPages(calls), r -> CloudAuditMapper.map(r, site),
                        AuditLogReader.Keys.RECORD_ID, windowCap)
                : new AuditLogReader(new DcAuditPages(calls), r -> DcAuditMapper.map(r, site),
                        AuditLogReader.Keys.CONTENT_HASH, windowCap);
    }

    @Override
    public String id() {
        return "jira-" + name + "-audit";
    }

    @Override
    public String kind() {
        return flavor == JiraFlavor.CLOUD ? "jira-cloud-audit" : "jira-dc-audit";
    }

    @Override
    public SourceBatch read(String position, int maxRecords) {
        AuditCursor cursor = AuditCursor.decode(position, id());
        AuditLogReader.Result r = reader.read(cursor, clock.instant().minus(lookback), maxRecords);
        List<SourceRecord> records = new ArrayList<>(r.entries().size());
        for (AuditLogReader.Entry e : r.entries()) {
            records.add(new SourceRecord.Event(e.event(), id() + " record " + e.key()));
        }
        List<String> letters = new ArrayList<>();
        synchronized (reported) {
            for (AuditLogReader.Rejection rej : r.rejections()) {
                String original = rej.original().length() > MAX_ORIGINAL ? rej.original().substring(0, MAX_ORIGINAL)
                        : rej.original();
                String dlId = id() + "-" + DocumentIds.sha256Hex(original);
                if (!reported.contains(dlId)) {
                    records.add(new SourceRecord.Unreadable(dlId, original, rej.reason(), id() + " record"));
                    letters.add(dlId);
                }
            }
        }
        String end = r.end() == null ? position : r.end().encode();
        // a rejected record comes back with every read of its window: dead-lettered once it is acknowledged
        return SourceBatch.of(records, end, r.caughtUp(), committed -> {
            synchronized (reported) {
                reported.addAll(letters);
            }
        });
    }
}
