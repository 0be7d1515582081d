package io.jiraaccess.daemon.inventory;

import io.jiraaccess.daemon.index.IsoInstants;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The credential merges a source has sent since its poll began, so that a poll reading many batches sends a
 * credential's merge again only when it says something new: a field other than the times changed, or
 * {@code last_used_at} / {@code last_rotated_at} moved on by {@link #TIME_STEP} or more. What it holds back is sent with
 * the poll's last batch ({@link #takeHeldBack()}), so once a poll has drained its source the credentials index holds
 * every credential's latest state. A merge is an update with {@code doc_as_upsert}, and Elasticsearch reads the
 * document back for each one: one merge per credential per batch made indexing a backlog cost Elasticsearch about
 * 40 % more CPU than the events alone; with one per credential per minute of event time, switching the merges off
 * still took most of Elasticsearch's extra CPU away at a million events (one experiment, see benchmarks/RESULTS.md).
 * <p>Nothing is lost: a source forgets what it sent at the start of every poll ({@link #forget()}, from
 * {@code resume}), and a failed batch ends the poll, so a batch read again after a failure sends its merges again. The
 * price: if a poll ends without its last batch (a failure, the daemon killed), the credentials index may show a use up
 * to {@link #TIME_STEP} older than the latest until the credential is used again.
 * Not thread-safe: a source is read by one poll at a time.
 */
public final class SentMerges {
    /** How far a time field may lag behind within one poll. */
    public static final Duration TIME_STEP = Duration.ofMinutes(10);

    private static final String[] TIMES = {"last_used_at", "last_rotated_at"};

    private record Sent(Map<String, Object> content, Map<String, Instant> times) {
    }

    private final Map<String, Sent> sent = new HashMap<>();
    /** The latest merge of each credential that was held back and not sent since, in first-held order. */
    private final Map<String, Map<String, Object>> heldBack = new LinkedHashMap<>();

    /** Called when a poll begins: the next merge of every credential is sent. */
    public void forget() {
        sent.clear();
        heldBack.clear();
    }

    /** The merges held back since their credential's last sent one; from now on they count as sent. */
    Map<String, Map<String, Object>> takeHeldBack() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>(heldBack);
        heldBack.clear();
        out.forEach((key, doc) -> sent.put(key, state(doc)));
        return out;
    }

    /**
     * Whether the merge {@code doc} for {@code key} says something the last one sent in this poll did not; if so it
     * is remembered as sent.
     */
    boolean isNews(String key, Map<String, Object> doc) {
        Sent now = state(doc);
        Sent before = sent.get(key);
        boolean news = before == null || !before.content().equals(now.content()) || now.times().entrySet().stream().anyMatch(e -> {
            Instant old = before.times().get(e.getKey());
            return old == null || !e.getValue().isBefore(old.plus(TIME_STEP));
        });
        if (news) {
            sent.put(key, now);
            heldBack.remove(key);
        } else if (!now.times().equals(before.times())) {
            heldBack.put(key, doc); // later times than those sent: the poll's last batch sends them
        }
        return news;
    }

    /** A merge split into its times and everything else. */
    private static Sent state(Map<String, Object> doc) {
        Map<String, Object> content = new LinkedHashMap<>(doc);
        content.remove("@timestamp");
        Map<String, Instant> times = new HashMap<>();
        Map<String, Object> credential = credential(content);
        if (credential != null) {
            credential = new LinkedHashMap<>(credential);
            for (String t : TIMES) {
                Object v = credential.remove(t);
                if (v instanceof String s) {
                    times.put(t, IsoInstants.parse(s));
                }
            }
            Map<String, Object> jiraAccess = new LinkedHashMap<>(jiraAccess(content));
            jiraAccess.put("credential", credential);
            content.put("jira_access", jiraAccess);
        }
        return new Sent(content, times);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jiraAccess(Map<String, Object> doc) {
        return doc.get("jira_access") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> credential(Map<String, Object> doc) {
        Map<String, Object> ja = jiraAccess(doc);
        return ja != null && ja.get("credential") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
