package io.jiraaccess.daemon.ingest;

import io.jiraaccess.dashboards.CredentialDocument;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The credential merges a source has sent since its poll began, so that a poll reading many batches sends a
 * credential's merge again only when it says something new: a field other than the times changed, or
 * {@code last_used_at} / {@code last_rotated_at} moved on by {@link #TIME_STEP} or more. What it holds back is sent
 * with the poll's last batch ({@link #takeHeldBack()}), so once a poll has drained its source the credentials index
 * holds every credential's latest state. Why: a merge is an update with {@code doc_as_upsert}, which Elasticsearch
 * reads back for each one, and one merge per credential per batch made indexing a backlog cost it markedly more CPU
 * than the events alone (benchmarks/RESULTS.md).
 * <p>Nothing is lost: the poll's start forgets what was sent ({@link #forget()}), and a failed batch ends the poll,
 * so a batch read again after a failure sends its merges again. The price: if a poll ends without its last batch (a
 * failure, the daemon killed), the credentials index may show a use up to {@link #TIME_STEP} older than the latest
 * until the credential is used again. Not thread-safe: a source is read by one poll at a time.
 */
final class SentMerges {
    /** How far a time field may lag behind within one poll. */
    static final Duration TIME_STEP = Duration.ofMinutes(10);

    /** A merge as compared: everything but its times, and its times of use and rotation. */
    private record Sent(CredentialDocument content, Instant lastUsedAt, Instant lastRotatedAt) {
        static Sent of(CredentialDocument doc) {
            return new Sent(doc.withoutTimes(), doc.lastUsedAt(), doc.lastRotatedAt());
        }
    }

    private final Map<String, Sent> sent = new HashMap<>();
    /** The latest merge of each credential that was held back and not sent since, in first-held order. */
    private final Map<String, CredentialDocument> heldBack = new LinkedHashMap<>();

    /** Called when a poll begins: the next merge of every credential is sent. */
    void forget() {
        sent.clear();
        heldBack.clear();
    }

    /** The merges held back since their credential's last sent one; from now on they count as sent. */
    Map<String, CredentialDocument> takeHeldBack() {
        Map<String, CredentialDocument> out = new LinkedHashMap<>(heldBack);
        heldBack.clear();
        out.forEach((key, doc) -> sent.put(key, Sent.of(doc)));
        return out;
    }

    /**
     * Whether the merge {@code doc} for {@code key} says something the last one sent in this poll did not; if so it
     * is remembered as sent.
     */
    boolean isNews(String key, CredentialDocument doc) {
        Sent now = Sent.of(doc);
        Sent before = sent.get(key);
        boolean news = before == null || !before.content().equals(now.content())
                || movedOn(before.lastUsedAt(), now.lastUsedAt()) || movedOn(before.lastRotatedAt(), now.lastRotatedAt());
        if (news) {
            sent.put(key, now);
            heldBack.remove(key);
        } else if (!Objects.equals(now.lastUsedAt(), before.lastUsedAt())
                || !Objects.equals(now.lastRotatedAt(), before.lastRotatedAt())) {
            heldBack.put(key, doc); // later times than those sent: the poll's last batch sends them
        }
        return news;
    }

    /** A time now set that was not sent, or is at least {@link #TIME_STEP} after the one sent. */
    private static boolean movedOn(Instant sentTime, Instant now) {
        return now != null && (sentTime == null || !now.isBefore(sentTime.plus(TIME_STEP)));
    }
}
