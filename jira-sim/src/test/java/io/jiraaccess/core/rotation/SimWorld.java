package io.jiraaccess.core.rotation;

import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.model.PersonalAccessToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulator per test JVM (starting one per class only costs time), reset by each test to: user {@code ci-bot}
 * (password {@link #PASSWORD}, project ABC) holding one PAT named {@code jira-access-ci} (the default
 * {@code rotation.tokenName}, so rotation can identify it) that the credential file references as {@code ${env:CI_PAT}}.
 */
public final class SimWorld {
    static final String USER = "ci-bot";
    static final String PASSWORD = "ci-bot-Password-8Jq";

    private static JiraSimulator shared;

    final JiraSimulator sim;
    final String initialToken;
    final long initialTokenId;
    final Map<String, String> env = new HashMap<>();

    private SimWorld() {
        sim = shared();
        sim.reset();
        sim.addUser(UserSpec.named(USER).displayName("CI Bot").password(PASSWORD).projects("ABC"));
        sim.addUser(UserSpec.named("alice").displayName("Alice").password("alice-Password-2Lp").projects("ABC"));
        var minted = sim.createPat(USER, "jira-access-ci", 90);
        initialToken = minted.rawToken();
        initialTokenId = minted.token().id();
        env.put("CI_PAT", initialToken);
        env.put("CI_PASSWORD", PASSWORD);
        sim.clearRequests();
    }

    static SimWorld fresh() {
        return new SimWorld();
    }

    /** The simulator every test in this JVM shares; tests reset it. */
    public static synchronized JiraSimulator shared() {
        if (shared == null) {
            shared = new JiraSimulator().start("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "jira-sim-stop"));
        }
        return shared;
    }

    /** The credential file's text: {@code ci}, a pat on the simulator, rotated every 30 days; {@code extra} is appended. */
    String credentialYaml(String rotationExtra) {
        return "id: ci\n"
                + "kind: pat\n"
                + "site: " + sim.baseUrl() + "\n"
                + "token: ${env:CI_PAT}\n"
                + "rotation:\n"
                + "  everyDays: 30\n"
                + "  expiryDays: 60\n"
                // a key written twice is refused (issue 14): an extra graceMinutes replaces the default one
                + (rotationExtra.contains("graceMinutes:") ? "" : "  graceMinutes: 60\n")
                + rotationExtra;
    }

    PatSpec spec(String rotationExtra) {
        return (PatSpec) new CredentialSpecParser(SecretReferences.fromMap(env)).parse("ci.yaml",
                credentialYaml(rotationExtra), "ci");
    }

    PersonalAccessToken token(long id) {
        return sim.tokens().stream().filter(t -> t.id() == id).findFirst().orElseThrow();
    }

    /** Live tokens (neither revoked nor expired) whose name starts with {@code prefix}. */
    List<PersonalAccessToken> live(String prefix) {
        List<PersonalAccessToken> out = new ArrayList<>();
        for (PersonalAccessToken t : sim.tokens()) {
            if (t.name().startsWith(prefix) && t.isUsable(sim.now())) {
                out.add(t);
            }
        }
        return out;
    }

    /** Requests logged so far with this method and path. */
    long count(String method, String path) {
        return sim.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    /**
     * The count of such requests once it reaches {@code expected} (or after 5 s): the simulator logs a request after
     * sending its answer, so a client can hold the answer a moment before the log holds the request.
     */
    long awaitCount(String method, String path, long expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long n = count(method, path);
        while (n < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            n = count(method, path);
        }
        return n;
    }
}
