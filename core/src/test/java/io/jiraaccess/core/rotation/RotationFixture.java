package io.jiraaccess.core.rotation;

import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.CapturedLogs;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeaks;
import io.jiraaccess.core.testing.TestClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One credential ({@code ci}, user {@code ci-bot}) against a {@link FakeJira}, with a store that can fail, a clock
 * tests move, recorded events and captured logs. The credential file's token is named {@code jira-access-ci}, the
 * default {@code rotation.tokenName}, so the first rotation can identify and later revoke it.
 */
final class RotationFixture implements AutoCloseable {
    static final String USER = "ci-bot";
    static final String PASSWORD = "pw-of-ci-bot-7Qz";

    final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    final FakeJira jira = new FakeJira(clock);
    final FaultyStore store = new FaultyStore(new InMemoryCredentialStore());
    final RecordingEventSink events = new RecordingEventSink();
    final Fingerprinter fingerprinter = new Fingerprinter("0123456789abcdef0123456789abcdef".getBytes());
    final CapturedLogs log = CapturedLogs.start();
    final Map<String, String> env = new HashMap<>();
    final List<String> outputs = new ArrayList<>();
    volatile RotationListener listener = RotationListener.NONE;
    private int eventsMark;
    final String initialToken;

    RotationFixture() {
        jira.addUser(USER, PASSWORD);
        jira.addUser("someone-else", "pw-of-someone-else-3Xk");
        initialToken = jira.mint(USER, "jira-access-ci", 90);
        env.put("CI_PAT", initialToken);
        env.put("CI_PASSWORD", PASSWORD);
        env.put("OTHER_PASSWORD", "pw-of-someone-else-3Xk");
    }

    PatSpec spec() {
        return spec("");
    }

    /** The {@code ci} credential; {@code rotationExtra} adds lines to its rotation block (indented by the caller). */
    PatSpec spec(String rotationExtra) {
        return spec("ci", rotationExtra);
    }

    PatSpec spec(String id, String rotationExtra) {
        String yaml = "id: " + id + "\n"
                + "kind: pat\n"
                + "site: https://jira.example.com\n"
                + "token: ${env:CI_PAT}\n"
                + "rotation:\n"
                + "  everyDays: 30\n"
                + "  expiryDays: 60\n"
                + "  graceMinutes: 60\n"
                + rotationExtra;
        return (PatSpec) new CredentialSpecParser(SecretReferences.fromMap(env)).parse(id + ".yaml", yaml, id);
    }

    PatRotator rotator() {
        return rotator(RotationSettings.DEFAULT);
    }

    PatRotator rotator(RotationSettings settings) {
        return PatRotator.builder(store, jira)
                .events(events)
                .fingerprinter(fingerprinter)
                .clock(clock)
                .serviceName("ci-runner-1")
                .settings(settings)
                .listener((c, r, s) -> listener.stepCompleted(c, r, s))
                .locks(RotationLocks.inProcess())
                .build();
    }

    PatState state(String id) {
        return new PatState(id, store.load(id).orElseThrow());
    }

    /** Remembers text a test produced (results, messages) for {@link #assertNoSecretLeaked()}. */
    void output(Object o) {
        outputs.add(String.valueOf(o));
    }

    /** No token or password ever issued appears in events, logs or recorded outputs. */
    void assertNoSecretLeaked() {
        List<String> secrets = jira.secrets();
        SecretLeaks.assertAbsent(secrets, events.ndjson(), log.all(), String.join("\n", outputs));
    }

    /** Events since the last {@link #clearEvents()} with this {@code event.action}. */
    List<AuditEvent> events(String action) {
        return recent().stream().filter(e -> action.equals(e.action())).toList();
    }

    /** The {@code jira_access.rotation.step} of each recent {@code rotation.step} event, {@code !} marking failures. */
    List<String> steps() {
        return recent().stream().filter(e -> "rotation.step".equals(e.action()))
                .map(e -> e.getString("jira_access.rotation.step") + ("failure".equals(e.outcome()) ? "!" : ""))
                .toList();
    }

    void clearEvents() {
        eventsMark = events.events().size();
    }

    private List<AuditEvent> recent() {
        List<AuditEvent> all = events.events();
        return all.subList(eventsMark, all.size());
    }

    @Override
    public void close() {
        log.close();
    }
}
