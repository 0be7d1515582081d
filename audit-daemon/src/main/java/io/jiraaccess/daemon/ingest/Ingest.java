package io.jiraaccess.daemon.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.journal.NdjsonEvents;
import io.jiraaccess.daemon.index.DeadLetterEntry;
import io.jiraaccess.daemon.index.DocumentIds;
import io.jiraaccess.daemon.index.IndexDocument;
import io.jiraaccess.daemon.index.IndexNames;
import io.jiraaccess.daemon.source.EventSource;
import io.jiraaccess.daemon.source.SourceBatch;
import io.jiraaccess.daemon.source.SourceRecord;
import io.jiraaccess.daemon.source.SourceUnavailableException;
import io.jiraaccess.dashboards.CredentialDocument;
import io.jiraaccess.dashboards.DataContract;
import io.jiraaccess.dashboards.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest stage of one source: turns what the source read into what is indexed, with the data contract
 * ({@code dashboards}) as the one definition of the documents.
 * <ul>
 *   <li>A line ({@link SourceRecord.Line}) is parsed by core's {@link NdjsonEvents}, the one parser of event lines.
 *   An event becomes its document: its own bytes, in the daily index of its {@code @timestamp}, {@code _id} from its
 *   {@code event.id} ({@link DocumentIds}); an event without {@code event.id} gets
 *   {@code <source id>-<SHA-256 of the line>}, written into the document, so reading it again overwrites it. A line
 *   that is not an event (or whose {@code event.id} is not a string) becomes a dead letter with the reason, the line
 *   (its first 64 Ki characters) and where it was; in a Jenkins journal answer it refuses the whole answer instead, as
 *   does a seq that does not follow the one before ({@link SourceUnavailableException}: the source backs off).</li>
 *   <li>An event of a spool or journal line also changes the state of the credential it names: the credential merges
 *   of the batch ({@link CredentialUpdates}) follow its events, those already sent in the poll held back
 *   ({@link SentMerges}).</li>
 *   <li>A mapped event ({@link SourceRecord.Event}), a credential's state ({@link SourceRecord.Credential}) and an
 *   unreadable record ({@link SourceRecord.Unreadable}) become their document or dead letter as they are.</li>
 * </ul>
 * Not thread-safe: a source is polled by one thread at a time.
 */
public final class Ingest {
    /** Lines longer than this are not events (a core event is a few hundred bytes). */
    private static final NdjsonEvents LINES = NdjsonEvents.defaults().withStrings(CredentialFacts.PATHS);
    private static final NdjsonEvents JOURNAL_LINES = LINES.requireSeq(true);
    static final int MAX_ORIGINAL_CHARS = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sourceId;
    private final String inventorySource;
    private final Clock clock;
    private final SentMerges sent = new SentMerges();

    /**
     * @param inventorySource {@code jira_access.inventory.source} of the credentials this source's event lines
     *                        name, or null when its events change no credential state
     */
    public Ingest(String sourceId, String inventorySource, Clock clock) {
        this.sourceId = sourceId;
        this.inventorySource = inventorySource;
        this.clock = clock;
    }

    /** The stage for a source: spool lines are CLI runs' events, journal lines a Jenkins controller's. */
    public static Ingest of(EventSource source, Clock clock) {
        String inventory = switch (source.kind()) {
            case "spool" -> CredentialDocument.CLI;
            case "jenkins" -> CredentialDocument.JENKINS;
            default -> null;
        };
        return new Ingest(source.id(), inventory, clock);
    }

    /** A poll begins: the next credential merges are all sent ({@link SentMerges}). */
    public void pollStarts() {
        sent.forget();
    }

    /**
     * The documents and dead letters of a batch, and where the source stands after it.
     *
     * @throws SourceUnavailableException a journal answer is not a well-formed, increasing run of events
     */
    public Ingested ingest(SourceBatch batch) {
        List<IndexDocument> docs = new ArrayList<>(batch.records().size() + 16);
        List<DeadLetterEntry> letters = new ArrayList<>();
        CredentialUpdates updates = inventorySource == null ? null : new CredentialUpdates(inventorySource);
        SourceBatch.JournalAnswer journal = batch.journal();
        NdjsonEvents parser = journal == null ? LINES : JOURNAL_LINES;
        long lastSeq = journal == null ? 0 : journal.after();
        for (SourceRecord r : batch.records()) {
            if (r instanceof SourceRecord.Line l) {
                NdjsonEvents.Line line = parser.parse(l.raw());
                IndexDocument doc = line.isEvent() ? eventDocument(line, l.location()) : null;
                String refused = doc != null ? null : line.isEvent() ? "event.id must be a string" : reason(line);
                if (journal != null) {
                    if (refused == null && line.seq() <= lastSeq) {
                        refused = "seq " + line.seq() + " does not follow " + lastSeq;
                    }
                    if (refused != null) {
                        throw new SourceUnavailableException(journal.from() + " sent a malformed journal answer ("
                                + l.location() + ": " + refused + "); nothing after seq " + journal.after()
                                + " is read until it is well formed");
                    }
                    lastSeq = line.seq();
                }
                if (refused != null) {
                    letters.add(lineLetter(l, refused));
                } else {
                    docs.add(doc);
                    if (updates != null) {
                        updates.observe(CredentialFacts.of(line));
                    }
                }
            } else if (r instanceof SourceRecord.Event e) {
                docs.add(IndexDocument.of(e.event(), e.location()));
            } else if (r instanceof SourceRecord.Credential c) {
                docs.add(credentialDocument(c.key(), c.document(), c.replace(), c.location()));
            } else if (r instanceof SourceRecord.Unreadable u) {
                letters.add(new DeadLetterEntry(u.id(), letter(truncated(u.original()), u.location(), u.reason())));
            }
        }
        if (updates != null) {
            for (CredentialUpdates.Merge m : updates.merges(sent, batch.exhausted())) {
                docs.add(credentialDocument(m.key(), m.document(), false, "credential state from events"));
            }
        }
        return new Ingested(docs, letters, journal == null ? batch.endPosition() : Long.toString(lastSeq));
    }

    /** An event's document, or null when its {@code event.id} is there but not a string. */
    private IndexDocument eventDocument(NdjsonEvents.Line line, String location) {
        String id = line.eventId();
        byte[] json = line.bytes();
        if (id == null || id.isBlank()) {
            Object given = line.event().get("event.id");
            if (given != null && !(given instanceof String)) {
                return null;
            }
            id = sourceId + "-" + DocumentIds.sha256Hex(json);
            json = line.event().toBuilder().id(id).build().toJson().getBytes(StandardCharsets.UTF_8);
        }
        return new IndexDocument(id, IndexNames.dailyIndex(line.timestamp()), DocumentIds.of(id), json, location);
    }

    private static String reason(NdjsonEvents.Line line) {
        return line.rejected() == NdjsonEvents.Reason.LINE_TOO_LONG
                ? "line longer than " + LINES.maxLineBytes() + " bytes" : line.rejected().description();
    }

    /** A line that is not an event, under an id from where it was read and what it holds. */
    private DeadLetterEntry lineLetter(SourceRecord.Line l, String reason) {
        String original = truncated(new String(l.raw().bytes(), StandardCharsets.UTF_8));
        String key = l.file() != null ? l.key() : l.location();
        return new DeadLetterEntry(sourceId + "-line-" + DocumentIds.sha256Hex(key + "\n" + original),
                letter(original, l.location(), reason));
    }

    private DeadLetter letter(String original, String location, String reason) {
        return new DeadLetter(clock.instant(), null, original, DeadLetterEntry.NOT_AN_EVENT,
                location == null ? reason : location + ": " + reason, sourceId, null);
    }

    private static String truncated(String original) {
        return original.length() > MAX_ORIGINAL_CHARS ? original.substring(0, MAX_ORIGINAL_CHARS) : original;
    }

    /** A document of the credentials index: the whole state ({@code replace}) or fields merged into it. */
    static IndexDocument credentialDocument(String key, CredentialDocument doc, boolean replace, String location) {
        try {
            return new IndexDocument(key, DataContract.CREDENTIALS_INDEX, DocumentIds.of(key),
                    JSON.writeValueAsBytes(doc.toDocument()), location,
                    replace ? IndexDocument.Op.INDEX : IndexDocument.Op.UPSERT, false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a credential document is plain JSON", e);
        }
    }
}
