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
 * {@code last_used_at} / {@code last_rotated_at} moved on by {@link #TIME_STEP} or more. A merge is an update with
 * {@code doc_as_upsert}, and Elasticsearch reads the document back for each one (refreshing the credentials index
 * when the document changed since the last refresh): one merge per credential per batch made indexing a backlog cost
 * Elasticsearch about 40 % more CPU than the events alone.
 * <p>Nothing is lost: a source forgets what it sent at the start of every poll ({@link #forget()}, from
 * {@code resume}), and a failed batch ends the poll, so a batch read again after a failure sends its merges again. The
 * price is that within one poll the credentials index may show a use up to {@link #TIME_STEP} older than the latest.
 * Not thread-safe: a source is read by one poll at a time.
 */
public final class SentMerges {
    /** How far a time field may lag behind within one poll. */
    public static final Duration TIME_STEP = Duration.ofMinutes(1);

    private static final String[] TIMES = {"last_used_at", "last_rotated_at"};

    private record Sent(Map<String, Object> content, Map<String, Instant> times) {
    }

    private final Map<String, Sent> sent = new HashMap<>();

    /** Called when a poll begins: the next merge of every credential is sent. */
    public void forget() {
        sent.clear();
    }

    /**
     * Whether the merge {@code doc} for {@code key} says something the last one sent in this poll did not; if so it
     * is remembered as sent.
     */
    boolean isNews(String key, Map<String, Object> doc) {
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
        Sent before = sent.get(key);
        boolean news = before == null || !before.content().equals(content) || times.entrySet().stream().anyMatch(e -> {
            Instant old = before.times().get(e.getKey());
            return old == null || !e.getValue().isBefore(old.plus(TIME_STEP));
        });
        if (news) {
            sent.put(key, new Sent(content, times));
        }
        return news;
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
