package io.jiraaccess.sim;

import io.jiraaccess.sim.api.AuditApi;
import io.jiraaccess.sim.api.OAuthApi;
import io.jiraaccess.sim.api.OrgEventsApi;
import io.jiraaccess.sim.api.PatApi;
import io.jiraaccess.sim.api.PlatformApi;
import io.jiraaccess.sim.api.TokenAdminApi;
import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.auth.ConnectJwtCheck;
import io.jiraaccess.sim.auth.CredentialResolver;
import io.jiraaccess.sim.control.ConnectAppSpec;
import io.jiraaccess.sim.control.ControlApi;
import io.jiraaccess.sim.control.OAuthClientSpec;
import io.jiraaccess.sim.control.UserSpec;
import io.jiraaccess.sim.http.Faults;
import io.jiraaccess.sim.http.RequestLog;
import io.jiraaccess.sim.http.Router;
import io.jiraaccess.sim.http.SimServer;
import io.jiraaccess.sim.model.AdminKeys;
import io.jiraaccess.sim.model.ApiToken;
import io.jiraaccess.sim.model.ConnectApps;
import io.jiraaccess.sim.model.Directory;
import io.jiraaccess.sim.model.PersonalAccessToken;
import io.jiraaccess.sim.model.Secrets;
import io.jiraaccess.sim.model.TokenRegistry;
import io.jiraaccess.sim.model.User;
import io.jiraaccess.sim.oauth.OAuthClient;
import io.jiraaccess.sim.oauth.OAuthServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Jira simulator serving Cloud and Data Center flavours on one port, embeddable in tests and demos.
 * Every method of the control API here has an HTTP twin under {@code /_sim/*} ({@link ControlApi}).
 *
 * <pre>{@code
 * try (JiraSimulator sim = new JiraSimulator().start("127.0.0.1", 0)) {
 *     sim.addUser(UserSpec.named("alice").password("pw").projects("ABC"));
 *     ... sim.baseUrl() ...
 * }
 * }</pre>
 */
public final class JiraSimulator implements AutoCloseable {

    public static final String DEFAULT_CLOUD_ID = "5c1a4d2e-7b3f-4e89-9a61-0f2d3c4b5a69";
    public static final String DEFAULT_ORG_ID = "8a2e1c4d-93b7-4f60-b1d2-7e5f3a9c0d14";
    public static final String SITE_NAME = "jira-sim";

    private final SimClock clock = new SimClock();
    private final Directory directory = new Directory();
    private final TokenRegistry tokens = new TokenRegistry();
    private final AdminKeys adminKeys = new AdminKeys();
    private final ConnectApps connectApps = new ConnectApps();
    private final AuditLog audit = new AuditLog(clock, AuditLog.DEFAULT_CAPACITY);
    private final OAuthServer oauth = new OAuthServer(clock, directory, audit);
    private final RequestLog requestLog = new RequestLog();
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final CredentialResolver resolver;
    private final SimServer server;

    public JiraSimulator() {
        resolver = new CredentialResolver(clock, directory, tokens, oauth, audit,
                new ConnectJwtCheck(connectApps, directory, clock));
        Router router = new Router();
        new PlatformApi(directory, clock).register(router);
        new PatApi(directory, tokens, audit, clock).register(router);
        new OAuthApi(oauth, DEFAULT_CLOUD_ID, () -> SITE_NAME).register(router);
        new AuditApi(audit).register(router);
        new TokenAdminApi(directory, tokens, adminKeys, audit, clock).register(router);
        new OrgEventsApi(audit, adminKeys).register(router);
        new ControlApi(this).register(router);
        server = new SimServer(router, resolver, requestLog, faults, clock, DEFAULT_CLOUD_ID);
    }

    /** Binds {@code host:port} (port 0 picks a free port) and starts serving. */
    public JiraSimulator start(String host, int port) {
        try {
            server.start(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start jira-sim on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public String cloudId() {
        return DEFAULT_CLOUD_ID;
    }

    public String orgId() {
        return DEFAULT_ORG_ID;
    }

    // ---- control API -------------------------------------------------------------------------------------

    /** Creates a user (and its projects); returns it with its account id and Data Center key. */
    public User addUser(UserSpec spec) {
        if (spec.name() == null && spec.email() == null) {
            throw new IllegalArgumentException("a user needs a name (Data Center) or an email (Cloud), or both");
        }
        if (spec.apiToken() != null && spec.email() == null) {
            throw new IllegalArgumentException("an API token needs the user's email: Cloud Basic auth is email:token");
        }
        String display = spec.displayName() != null ? spec.displayName()
                : spec.name() != null ? spec.name() : spec.email();
        User user = directory.addUser(spec.name(), display, spec.email(),
                spec.password() == null ? null : Secrets.hash(spec.password()), new LinkedHashSet<>(spec.projects()),
                spec.admin(), "atlassian");
        audit.record(AuditKind.USER_CREATED, null, "127.0.0.1", null, CredentialResolver.userItem(user), List.of(),
                spec.admin() ? "Administrator" : null);
        if (spec.apiToken() != null) {
            addApiToken(user.accountId(), spec.apiTokenLabel() != null ? spec.apiTokenLabel() : "default",
                    spec.apiToken(), spec.apiTokenExpiresAt());
        }
        return user;
    }

    /** Registers a Cloud API token for a user (by username, email or account id); returns the token id. */
    public String addApiToken(String userReference, String label, String rawToken, Instant expiresAt) {
        User user = user(userReference);
        ApiToken token = tokens.addApiToken(user.accountId(), label, rawToken, clock.instant(), expiresAt);
        audit.record(AuditKind.API_TOKEN_CREATED, user, "127.0.0.1", null,
                new AuditEntry.ObjectItem(token.id(), label, "API_TOKEN", user.accountId(), user.displayName()),
                List.of(), expiresAt == null ? "Never expires" : "Expires " + expiresAt);
        return token.id();
    }

    /**
     * Registers a Cloud API token that was created at {@code createdAt}, before this simulator's audit log begins
     * (seeding an inventory with history: tokens created months ago). No audit record is written for it.
     */
    public String addApiToken(String userReference, String label, String rawToken, Instant createdAt, Instant expiresAt) {
        User user = user(userReference);
        return tokens.addApiToken(user.accountId(), label, rawToken, createdAt, expiresAt).id();
    }

    public void addProject(String key, String name) {
        directory.ensureProject(key, name);
    }

    public OAuthClient addOAuthClient(OAuthClientSpec spec) {
        String accountId = spec.user() == null ? null : user(spec.user()).accountId();
        OAuthClient client = new OAuthClient(spec.clientId(), spec.name() != null ? spec.name() : spec.clientId(),
                spec.clientSecret() == null ? null : Secrets.hash(spec.clientSecret()), spec.redirectUris(), accountId,
                spec.scopes(), spec.accessTokenTtl(), spec.refreshTokenInactivity());
        oauth.register(client);
        return client;
    }

    /** Installs a Connect app; Jira gives every app its own user (accountType "app"). */
    public User addConnectApp(ConnectAppSpec spec) {
        String name = spec.name() != null ? spec.name() : spec.key();
        User appUser = directory.addUser(null, name, null, null, new LinkedHashSet<>(spec.projects()), false, "app");
        connectApps.add(spec.key(), name, spec.sharedSecret(), appUser.accountId());
        return appUser;
    }

    /** Accepts {@code rawKey} as Bearer on the org admin APIs of this site's organisation. */
    public void addAdminKey(String rawKey) {
        adminKeys.add(DEFAULT_ORG_ID, rawKey);
    }

    /** Creates a PAT directly (test setup); the raw token is returned once, as Jira's create answer does. */
    public TokenRegistry.MintedPat createPat(String userReference, String name, Integer expirationDays) {
        User user = user(userReference);
        Instant now = clock.instant();
        TokenRegistry.MintedPat minted = tokens.mintPat(user.accountId(), name, now,
                expirationDays == null ? null : now.plus(Duration.ofDays(expirationDays)));
        audit.record(AuditKind.PAT_CREATED, user, "127.0.0.1", null,
                new AuditEntry.ObjectItem(String.valueOf(minted.token().id()), name, "PERSONAL_ACCESS_TOKEN",
                        user.accountId(), user.name()), List.of(), "Created through the simulator control API");
        return minted;
    }

    /**
     * Creates a PAT as if it had been created at {@code createdAt}, before this simulator's audit log begins
     * (seeding an inventory with history); {@code expiringAt} null means it never expires. No audit record is written.
     */
    public TokenRegistry.MintedPat createPat(String userReference, String name, Instant createdAt, Instant expiringAt) {
        return tokens.mintPat(user(userReference).accountId(), name, createdAt, expiringAt);
    }

    /** Replaces the injected faults; counting for rateLimitEvery and failRate restarts from zero. */
    public void faults(Faults value) {
        faults.set(value);
        server.restartFaultCount();
    }

    public Faults faults() {
        return faults.get();
    }

    public void clearFaults() {
        faults(Faults.NONE);
    }

    /** Moves simulated time forward: every expiry, iat/exp check and audit timestamp follows it. */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    public Instant now() {
        return clock.instant();
    }

    public SimClock clock() {
        return clock;
    }

    /** Requests answered so far (method, path, auth scheme, principal, status; never a secret). */
    public List<RequestLog.Entry> requests() {
        return requestLog.entries();
    }

    public void clearRequests() {
        requestLog.clear();
    }

    /** Every PAT ever created, revoked and expired ones included. */
    public List<PersonalAccessToken> tokens() {
        return tokens.allPats();
    }

    public List<ApiToken> apiTokens() {
        return tokens.allApiTokens();
    }

    public List<AuditEntry> auditEntries() {
        return audit.all();
    }

    public List<User> users() {
        return directory.users();
    }

    public Directory directory() {
        return directory;
    }

    public List<ConnectApps.App> connectApps() {
        return connectApps.all();
    }

    public List<OAuthClient> oauthClients() {
        return oauth.clients();
    }

    /** Forgets everything: users, projects, issues, tokens, clients, apps, audit, requests, faults, clock offset. */
    public void reset() {
        oauth.clear();
        connectApps.clear();
        tokens.clear();
        adminKeys.clear();
        directory.clear();
        audit.clear();
        requestLog.clear();
        faults(Faults.NONE);
        clock.resetOffset();
    }

    /** Usernames, emails and account ids all name a user in the control API. */
    public User user(String reference) {
        return directory.find(reference)
                .orElseThrow(() -> new IllegalArgumentException("no user '" + reference + "' in the simulator"));
    }

    public Set<String> projectKeys() {
        Set<String> keys = new LinkedHashSet<>();
        directory.projects().forEach(p -> keys.add(p.key()));
        return keys;
    }
}
