package io.jiraaccess.sim;

import io.jiraaccess.sim.control.UserSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * One simulator per test JVM (starting one per test class would only cost time); each test resets it and
 * builds the little world it needs.
 */
public final class SimFixture {

    public static final String ALICE_PASSWORD = "alice-Password-123";
    public static final String BOB_TOKEN = "TESTATATTxFfGF0bobTokenValue0123456789";
    public static final String CAROL_PASSWORD = "carol-Password-456";

    private static JiraSimulator sim;
    private static SimHttp http;

    private SimFixture() {
    }

    public static synchronized JiraSimulator sim() {
        if (sim == null) {
            sim = new JiraSimulator().start("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(sim::stop));
        }
        return sim;
    }

    /** Resets the shared simulator to: alice (DC admin, ABC+OPS), bob (Cloud, ABC), carol (DC, OPS), 2 issues. */
    public static JiraSimulator world() {
        JiraSimulator s = sim();
        s.reset();
        s.addUser(UserSpec.named("alice").displayName("Alice").email("alice@example.com").password(ALICE_PASSWORD)
                .projects("ABC", "OPS").admin(true));
        s.addUser(UserSpec.named("bob").displayName("Bob").email("bob@example.com")
                .apiToken(BOB_TOKEN, Instant.now().plus(Duration.ofDays(30))).apiTokenLabel("bob-ci").projects("ABC"));
        s.addUser(UserSpec.named("carol").displayName("Carol").email("carol@example.com").password(CAROL_PASSWORD)
                .projects("OPS"));
        s.directory().addIssue("ABC", "First issue", null, "Task", s.user("alice").accountId(), s.now());
        s.directory().addIssue("OPS", "Ops issue", null, "Bug", s.user("carol").accountId(), s.now());
        s.clearRequests();
        return s;
    }

    public static synchronized SimHttp http() {
        if (http == null) {
            http = new SimHttp(sim().baseUrl());
        }
        return http;
    }

    public static String alice() {
        return SimHttp.basic("alice", ALICE_PASSWORD);
    }

    public static String bob() {
        return SimHttp.basic("bob@example.com", BOB_TOKEN);
    }

    public static String carol() {
        return SimHttp.basic("carol", CAROL_PASSWORD);
    }
}
