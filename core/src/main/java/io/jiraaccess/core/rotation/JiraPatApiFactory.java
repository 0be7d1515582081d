package io.jiraaccess.core.rotation;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.jira.CreatedPat;
import io.jiraaccess.core.jira.JiraUser;
import io.jiraaccess.core.jira.PatApi;
import io.jiraaccess.core.jira.PatClient;
import io.jiraaccess.core.jira.PatInfo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The real PAT API: a {@link PatClient} over a {@link JiraClient}, sending the given header. The client keeps the
 * credential's {@code allow.hosts} (a token still goes nowhere else, redirects included) but not its
 * {@code allow.operations}/{@code allow.projects}: those limit what pipelines do with the token, while creating and
 * revoking the token itself is the credential's own life cycle (an {@code admin} operation by the guard's reckoning).
 * Requests emit {@code token.used} (and {@code basic_auth.used} for Basic) like any other.
 * <p>One {@link JiraClient} per credential serves every call of a rotation cycle, whatever header it sends, and is
 * dropped when the cycle ends ({@link #release}): each client owns a JDK HTTP client with its own selector thread,
 * worker threads and connections, so at most as many exist as cycles run at once.
 */
public final class JiraPatApiFactory implements PatApiFactory {
    /** Three tries per request, waits of 1 s doubling to 30 s: the rotator's own backoff handles longer outages. */
    public static final HttpSettings SETTINGS = HttpSettings.DEFAULT.withMaxAttempts(3)
            .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final EventSink events;
    private final Fingerprinter fingerprinter;
    private final String serviceName;
    private final HttpSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Client> clients = new ConcurrentHashMap<>();

    public JiraPatApiFactory(EventSink events, Fingerprinter fingerprinter, String serviceName, HttpSettings settings,
                             Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.fingerprinter = fingerprinter;
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PatApi open(PatSpec spec, AuthHeader auth) {
        Objects.requireNonNull(auth, "auth");
        Client c = clients.computeIfAbsent(key(spec), k -> client(spec));
        PatClient api = new PatClient(c.jira());
        return new PatApi() {
            @Override
            public CreatedPat create(String name, int expirationDays) {
                return c.auth().with(auth, () -> api.create(name, expirationDays));
            }

            @Override
            public List<PatInfo> list() {
                return c.auth().with(auth, api::list);
            }

            @Override
            public boolean revoke(long id) {
                return c.auth().with(auth, () -> api.revoke(id));
            }

            @Override
            public JiraUser myself() {
                return c.auth().with(auth, api::myself);
            }
        };
    }

    @Override
    public void release(PatSpec spec) {
        clients.remove(key(spec));
    }

    /** Clients held now: one per credential whose rotation cycle is running. */
    int openClients() {
        return clients.size();
    }

    private static String key(PatSpec spec) {
        return spec.id() + "|" + spec.common().siteBase() + "|" + spec.allow().hosts();
    }

    private Client client(PatSpec spec) {
        CallerHeader auth = new CallerHeader(managing(spec));
        JiraClient jira = JiraClient.builder(auth)
                .events(events)
                .fingerprinter(fingerprinter)
                .serviceName(serviceName)
                .settings(settings)
                .clock(clock)
                .build();
        return new Client(jira, auth);
    }

    private record Client(JiraClient jira, CallerHeader auth) {
    }

    /**
     * Sends the header of the call in progress on this thread: {@link JiraClient#send} asks its authenticator on the
     * calling thread, so concurrent calls with different tokens do not see each other's.
     */
    private static final class CallerHeader implements Authenticator {
        private final CredentialSpec spec;
        private final ThreadLocal<AuthHeader> header = new ThreadLocal<>();

        CallerHeader(CredentialSpec spec) {
            this.spec = spec;
        }

        <T> T with(AuthHeader h, Supplier<T> call) {
            AuthHeader outer = header.get();
            header.set(h);
            try {
                return call.get();
            } finally {
                if (outer == null) {
                    header.remove();
                } else {
                    header.set(outer);
                }
            }
        }

        @Override
        public CredentialSpec spec() {
            return spec;
        }

        @Override
        public AuthHeader authorize(String method, URI target) {
            AuthHeader h = header.get();
            if (h == null) {
                throw new IllegalStateException("credential " + spec.id() + ": no header for a call outside a PAT API call");
            }
            return h;
        }
    }

    /** The spec as the token's own management sees it: same hosts, every operation, no project limit. */
    static PatSpec managing(PatSpec spec) {
        CredentialSpec.Common c = spec.common();
        AllowPolicy allow = new AllowPolicy(c.allow().hosts(), List.of(), EnumSet.allOf(Operation.class));
        return new PatSpec(new CredentialSpec.Common(c.id(), c.site(), c.flavor(), c.owner(), c.description(), allow),
                spec.token(), spec.rotation());
    }
}
