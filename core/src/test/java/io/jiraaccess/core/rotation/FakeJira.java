package io.jiraaccess.core.rotation;

import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.JiraException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.jira.CreatedPat;
import io.jiraaccess.core.jira.JiraUser;
import io.jiraaccess.core.jira.PatApi;
import io.jiraaccess.core.jira.PatInfo;
import io.jiraaccess.core.secret.SecretValue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory Jira Data Center PAT API for fast rotation tests: users with passwords, tokens that authenticate until
 * revoked or expired, Basic and Bearer authentication as the simulator accepts them, injectable failures per
 * operation, a log of calls (never a secret), and a count of calls in flight to check bounded concurrency.
 */
final class FakeJira implements PatApiFactory {
    enum Op { CREATE, LIST, REVOKE, MYSELF }

    record Call(Op op, String scheme, String user) {
    }

    static final class Token {
        final long id;
        final String name;
        final String user;
        final String secret;
        final Instant createdAt;
        final Instant expiresAt;
        volatile Instant revokedAt;

        Token(long id, String name, String user, String secret, Instant createdAt, Instant expiresAt) {
            this.id = id;
            this.name = name;
            this.user = user;
            this.secret = secret;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
        }

        boolean live(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    private final Clock clock;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<Long, Token> tokens = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<Op, List<Supplier<JiraAccessException>>> failures = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private long nextId = 100;
    private volatile Duration latency = Duration.ZERO;

    FakeJira(Clock clock) {
        this.clock = clock;
    }

    synchronized void addUser(String name, String password) {
        passwords.put(name, password);
    }

    /** A token created outside rotation (the one a person put in the credential file); returns its secret. */
    synchronized String mint(String user, String name, int days) {
        return mintToken(user, name, days).secret;
    }

    private Token mintToken(String user, String name, int days) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        String secret = "NjA" + HexFormat.of().formatHex(b);
        Instant now = clock.instant();
        Token t = new Token(nextId++, name, user, secret, now, now.plus(Duration.ofDays(days)));
        tokens.put(t.id, t);
        return t;
    }

    /** The next {@code op} calls fail with these exceptions, in order. */
    synchronized void failNext(Op op, Supplier<JiraAccessException> failure) {
        failures.computeIfAbsent(op, k -> new ArrayList<>()).add(failure);
    }

    void latency(Duration d) {
        latency = d;
    }

    synchronized List<Token> tokens() {
        return List.copyOf(tokens.values());
    }

    synchronized List<Token> live() {
        Instant now = clock.instant();
        return tokens.values().stream().filter(t -> t.live(now)).toList();
    }

    synchronized Optional<Token> token(long id) {
        return Optional.ofNullable(tokens.get(id));
    }

    synchronized Optional<Token> bySecret(String secret) {
        return tokens.values().stream().filter(t -> t.secret.equals(secret)).findFirst();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized long count(Op op) {
        return calls.stream().filter(c -> c.op() == op).count();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** Every secret the fake ever issued or accepted, for leak checks. */
    synchronized List<String> secrets() {
        List<String> s = new ArrayList<>();
        tokens.values().forEach(t -> s.add(t.secret));
        s.addAll(passwords.values());
        return s;
    }

    @Override
    public PatApi open(PatSpec spec, AuthHeader auth) {
        return new PatApi() {
            @Override
            public CreatedPat create(String name, int expirationDays) {
                return call(Op.CREATE, auth, user -> {
                    Token t = mintToken(user, name, expirationDays);
                    return new CreatedPat(info(t), SecretValue.of(t.secret));
                });
            }

            @Override
            public List<PatInfo> list() {
                return call(Op.LIST, auth, user -> {
                    Instant now = clock.instant();
                    return tokens.values().stream().filter(t -> t.user.equals(user) && t.revokedAt == null)
                            .filter(t -> t.live(now)).map(FakeJira::info).toList();
                });
            }

            @Override
            public boolean revoke(long id) {
                return call(Op.REVOKE, auth, user -> {
                    Token t = tokens.get(id);
                    if (t == null || t.revokedAt != null || !t.user.equals(user)) {
                        return false;
                    }
                    t.revokedAt = clock.instant();
                    return true;
                });
            }

            @Override
            public JiraUser myself() {
                return call(Op.MYSELF, auth, user -> new JiraUser("key-" + user, user, null, user));
            }
        };
    }

    private interface Body<T> {
        T apply(String user);
    }

    private <T> T call(Op op, AuthHeader auth, Body<T> body) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            synchronized (this) {
                String user = authenticate(auth);
                calls.add(new Call(op, auth.scheme(), user));
                List<Supplier<JiraAccessException>> queued = failures.get(op);
                if (queued != null && !queued.isEmpty()) {
                    throw queued.remove(0).get();
                }
                if (user == null) {
                    throw new AuthenticationException("fake Jira: " + op + " -> 401: Jira did not accept the credential");
                }
                return body.apply(user);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JiraException(0, "interrupted");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The user behind the header, or null when Jira would answer 401. */
    private String authenticate(AuthHeader auth) {
        String value = auth.credentials().reveal();
        if (auth.scheme().equals("Basic")) {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = decoded.substring(0, colon);
            return decoded.substring(colon + 1).equals(passwords.get(user)) ? user : null;
        }
        Instant now = clock.instant();
        return tokens.values().stream().filter(t -> t.secret.equals(value) && t.live(now)).map(t -> t.user)
                .findFirst().orElse(null);
    }

    private static PatInfo info(Token t) {
        return new PatInfo(t.id, t.name, t.createdAt, t.expiresAt, null, null);
    }
}
