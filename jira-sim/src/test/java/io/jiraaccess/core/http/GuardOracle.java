package io.jiraaccess.core.http;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.PatAuthenticator;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.sim.JiraSimulator;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.http.RequestLog;
import io.jiraaccess.sim.http.Router;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential property of issue 14, with the simulator as the other side of the wire: a request that the guard
 * lets through reaches, by the simulator's own reading (Tomcat's decoding, its routes, its request log), only the
 * allowed projects, with only allowed effects; a request the guard refuses reaches nothing at all.
 * <p>The world: user {@code ci} sees projects DEMO, OPS and SEC (so the simulator would act on any of them), each with
 * one issue; its PAT backs two credentials limited to DEMO, one for read and write, one for read only. Requests go
 * through {@link JiraClient}, so they are judged and sent in the same form.
 */
final class GuardOracle {
    static final String PAT_USER = "ci";
    static final Set<String> ALLOWED = Set.of("DEMO");

    private static GuardOracle instance;
    /** Every refusal is logged at INFO; over thousands of generated and fuzzed requests that is only noise. */
    private static final java.util.logging.Logger CLIENT_LOG = java.util.logging.Logger.getLogger(JiraClient.class.getName());

    final JiraSimulator sim;
    final String pat;
    final Map<String, String> projectIds;
    private final JiraClient readWrite;
    private final JiraClient readOnly;

    private GuardOracle() {
        CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
        sim = new JiraSimulator().start("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "guard-oracle-sim-stop"));
        sim.addUser(UserSpec.named(PAT_USER).password("ci-Password-9Vx").projects("DEMO", "OPS", "SEC"));
        for (String p : List.of("DEMO", "OPS", "SEC")) {
            sim.directory().addIssue(p, p + " issue", null, "Task", sim.user(PAT_USER).accountId(), sim.now());
        }
        pat = sim.createPat(PAT_USER, "guard-oracle", 30).rawToken();
        projectIds = Map.of("DEMO", id("DEMO"), "OPS", id("OPS"), "SEC", id("SEC"));
        readWrite = client(EnumSet.of(Operation.READ, Operation.WRITE));
        readOnly = client(EnumSet.of(Operation.READ));
    }

    static synchronized GuardOracle get() {
        if (instance == null) {
            instance = new GuardOracle();
        }
        return instance;
    }

    private String id(String key) {
        return sim.directory().project(key).orElseThrow().id();
    }

    private JiraClient client(Set<Operation> ops) {
        PatSpec spec = new PatSpec(new CredentialSpec.Common("guard-" + ops.size(), URI.create(sim.baseUrl()),
                JiraFlavor.DATACENTER, null, null, new AllowPolicy(List.of(), List.of("DEMO"), ops)),
                SecretValue.of(pat), null);
        AuthContext ctx = new AuthContext(new InMemoryCredentialStore(), new TokenBroker(), EventSink.NONE,
                new Fingerprinter("guard-oracle-installation-key!!".getBytes(StandardCharsets.US_ASCII)),
                Clock.systemUTC(), "guard-oracle");
        return JiraClient.builder(new PatAuthenticator(spec, ctx))
                .settings(HttpSettings.DEFAULT.withMaxAttempts(1).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .build();
    }

    /** What happened to one request. */
    enum Outcome { REFUSED, UNSENDABLE, SENT }

    /** Checks the property for one request with both credentials; returns what the read-write one did. */
    Outcome check(String method, String target, String body) {
        Outcome rw = check(readWrite, Set.of(Router.Effect.READ, Router.Effect.ISSUE_CHANGE), method, target, body);
        check(readOnly, Set.of(Router.Effect.READ), method, target, body);
        return rw;
    }

    /** {@code METHOD\nTARGET\nBODY} (the body optional): the form of the fuzz inputs and seed files. */
    Outcome checkText(String text) {
        String[] parts = text.split("\n", 3);
        if (parts.length < 2) {
            return check("GET", text, null);
        }
        return check(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    private Outcome check(JiraClient client, Set<Router.Effect> allowedEffects, String method, String target, String body) {
        long before = lastSeq();
        JiraRequest request;
        try {
            request = JiraRequest.of(method, target, body);
        } catch (ConfigurationException notAMethod) {
            return Outcome.UNSENDABLE;
        }
        Outcome outcome;
        try {
            client.send(request);
            outcome = Outcome.SENT;
        } catch (PolicyViolationException refused) {
            // a refusal names the path: it may repeat the token only where the caller wrote it into the request
            boolean written = target.contains(pat) || (body != null && body.contains(pat));
            assertFalse(!written && refused.getMessage().contains(pat), "a refusal quotes the token");
            outcome = Outcome.REFUSED;
        } catch (ConfigurationException | IllegalArgumentException notAUri) {
            // the target is no URI the client can send (java.net.URI or HttpRequest refused it)
            outcome = Outcome.UNSENDABLE;
        } catch (JiraException network) {
            fail("the simulator did not answer " + method + " " + target + ": " + network.getMessage());
            return Outcome.UNSENDABLE;
        }
        List<RequestLog.Entry> reached = sim.requests().stream().filter(e -> e.seq() > before).toList();
        if (outcome != Outcome.SENT) {
            assertEquals(List.of(), reached, () -> "refused or unsendable, yet the simulator was asked: " + method + " "
                    + target);
            return outcome;
        }
        assertTrue(!reached.isEmpty(), () -> "sent, but the simulator logged nothing: " + method + " " + target);
        for (RequestLog.Entry e : reached) {
            assertTrue(ALLOWED.containsAll(e.projects()), () -> "the guard let " + method + " " + target
                    + (body == null ? "" : " with body " + body) + " through, and the simulator read it as "
                    + e.method() + " " + e.path() + " reaching " + e.projects());
            assertTrue(e.effect() == null || allowedEffects.contains(e.effect()), () -> "the guard let " + method + " "
                    + target + " through for " + allowedEffects + ", and the simulator's route " + e.path()
                    + " has effect " + e.effect());
        }
        return outcome;
    }

    private long lastSeq() {
        List<RequestLog.Entry> all = sim.requests();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }
}
