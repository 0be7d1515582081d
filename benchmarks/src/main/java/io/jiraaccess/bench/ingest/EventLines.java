package io.jiraaccess.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Deterministic ECS {@code token.used} events as NDJSON lines, the shape core's {@code AuditEvent} writes (about
 * 650 bytes each): event {@code seq} of {@code service} has {@code event.id = <service>:<seq>} and a time
 * {@code seq} milliseconds after the base time. Generated on the fly, so a million events need no memory and the same
 * documents can be produced for the daemon and for the raw bulk load.
 */
public final class EventLines {
    private static final String[] JOBS = {"deploy-api", "nightly-tests", "release-train", "docs-publish", "infra-plan"};
    private static final String[] PATHS = {"/rest/api/2/issue/ABC-1", "/rest/api/2/search", "/rest/api/2/issue/OPS-7/comment",
            "/rest/api/2/myself"};
    private static final String[] METHODS = {"GET", "GET", "POST", "GET"};
    private static final String[] FINGERPRINTS = new String[13];

    static {
        for (int i = 0; i < FINGERPRINTS.length; i++) {
            FINGERPRINTS[i] = String.format("%016x", 0x5eed_0000_0000_0000L + i * 0x1_0001_0001L);
        }
    }

    private final Instant base;

    public EventLines(Instant base) {
        this.base = base;
    }

    public static String eventId(String service, long seq) {
        return service + ":" + seq;
    }

    /** The time of event {@code seq}. */
    public Instant timestamp(long seq) {
        return base.plusMillis(seq);
    }

    /** The event as one JSON line, without the line terminator. */
    public String line(String service, long seq) {
        int v = (int) (seq % 997);
        int req = v % PATHS.length;
        String job = JOBS[v % JOBS.length];
        StringBuilder b = new StringBuilder(720);
        b.append("{\"@timestamp\":\"").append(DateTimeFormatter.ISO_INSTANT.format(timestamp(seq)))
                .append("\",\"ecs\":{\"version\":\"8.11.0\"},\"event\":{\"kind\":\"event\",\"module\":\"jira_access\",")
                .append("\"dataset\":\"jira_access.ci\",\"action\":\"token.used\",\"category\":[\"authentication\"],")
                .append("\"type\":[\"access\"],\"id\":\"").append(eventId(service, seq)).append("\",\"outcome\":\"success\"},")
                .append("\"jira_access\":{\"seq\":").append(seq).append(",\"credential\":{\"id\":\"cred-").append(v % 13)
                .append("\",\"kind\":\"pat\",\"fingerprint\":\"").append(FINGERPRINTS[v % 13]).append("\"},")
                .append("\"pipeline\":{\"job\":\"").append(job).append("\",\"build\":\"").append(seq % 5000)
                .append("\",\"url\":\"https://jenkins.example.com/job/").append(job).append('/').append(seq % 5000)
                .append("/\",\"node\":\"agent-").append(v % 4).append("\"},")
                .append("\"jira\":{\"site\":\"https://jira.example.com\",\"flavor\":\"datacenter\"}},")
                .append("\"service\":{\"name\":\"").append(service).append("\"},")
                .append("\"user\":{\"name\":\"ci-bot\",\"id\":\"u-").append(v % 13).append("\"},")
                .append("\"http\":{\"request\":{\"method\":\"").append(METHODS[req]).append("\"},\"response\":{\"status_code\":200}},")
                .append("\"url\":{\"domain\":\"jira.example.com\",\"path\":\"").append(PATHS[req]).append("\"}}");
        return b.toString();
    }

    public byte[] lineBytes(String service, long seq) {
        return line(service, seq).getBytes(StandardCharsets.UTF_8);
    }
}
