package io.jiraaccess.core.rotation;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.token.TokenBroker;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rotates Jira Data Center personal access tokens, crash-safely, in the four steps of AWS Secrets Manager plus a
 * grace period: create the new token, store it as pending, test it against Jira, promote it to current (the old one
 * becomes previous), and revoke the previous one once the grace period has passed, so builds in flight keep working.
 * <ul>
 *   <li>Every step is recorded in the {@link CredentialStore} under a rotation id before the next begins, and every
 *       step can be repeated: a cycle that finds an unfinished rotation resumes it. The token a crash left between
 *       Jira's answer and the store (created, never stored) is found in Jira's PAT list by its name
 *       ({@code <rotation.tokenName>-rot<time>-<hex>}) and revoked.</li>
 *   <li>One rotation per credential at a time ({@link RotationLocks}); a second trigger gets a
 *       {@link RotationInProgressException} naming the rotation and its step.</li>
 *   <li>A failed cycle is counted and backs off exponentially ({@link RotationSettings}); after
 *       {@code markAfterFailures} the credential is marked and {@code rotation.failed} raised. The current token stays
 *       in use throughout.</li>
 * </ul>
 * API for periodic callers (the Jenkins plugin, the audit daemon): {@link #rotateIfDue}, {@link #recover} at start-up,
 * {@link #status} for display, {@link #rotateAllIfDue} for many credentials with bounded concurrency. Thread-safe.
 */
public final class PatRotator {
    private static final System.Logger LOG = System.getLogger(PatRotator.class.getName());

    final CredentialStore store;
    final PatApiFactory apis;
    final RotationEvents events;
    final Fingerprinter fingerprinter;
    final Clock clock;
    final RotationSettings settings;
    final RotationListener listener;
    final RotationLocks locks;
    final TokenBroker broker;
    final SiteCooldowns cooldowns = new SiteCooldowns();

    private PatRotator(Builder b) {
        this.store = b.store;
        this.apis = b.apis;
        this.fingerprinter = b.fingerprinter;
        this.clock = b.clock;
        this.settings = b.settings;
        this.listener = b.listener;
        this.broker = b.broker;
        this.locks = b.locks != null ? b.locks
                : b.store instanceof FileCredentialStore f ? RotationLocks.files(f.dir()) : RotationLocks.inProcess();
        this.events = new RotationEvents(b.events, b.serviceName, b.clock);
    }

    public static Builder builder(CredentialStore store, PatApiFactory apis) {
        return new Builder(store, apis);
    }

    /**
     * A rotator sharing the store, token broker, events, fingerprints, clock and service name of authenticators, so
     * a promoted token replaces the cached one at once.
     */
    public static Builder builder(AuthContext ctx, PatApiFactory apis) {
        return new Builder(ctx.store(), apis).events(ctx.events()).fingerprinter(ctx.fingerprinter())
                .clock(ctx.clock()).serviceName(ctx.serviceName()).broker(ctx.broker());
    }

    /**
     * The periodic entry point: finishes what an earlier cycle left (an interrupted rotation, revocations whose grace
     * period has passed) and rotates when the current token is due. Does nothing while an earlier failure's backoff
     * runs, or while Jira rate-limits the site.
     *
     * @throws RotationFailedException     when this cycle failed (counted; the current token stays in use)
     * @throws RotationInProgressException when another thread or process is rotating the credential
     * @throws ConfigurationException      when the credential is not a rotatable PAT
     */
    public RotationResult rotateIfDue(PatSpec spec) {
        return cycle(spec, RotationCycle.Mode.IF_DUE);
    }

    /**
     * Rotates now whether due or not, ignoring any backoff (an operator asked). An unfinished rotation is completed
     * instead of starting a second one.
     */
    public RotationResult rotateNow(PatSpec spec) {
        return cycle(spec, RotationCycle.Mode.NOW);
    }

    /**
     * Completes pending work without starting a new rotation: resumes an interrupted rotation, revokes orphaned
     * tokens named like ours, revokes previous tokens whose grace period has passed. For start-up, not for a loop:
     * it ignores the backoff.
     */
    public RotationResult recover(PatSpec spec) {
        return cycle(spec, RotationCycle.Mode.RECOVER);
    }

    /**
     * Takes the credential out of use: revokes its current token (the credential file's when never rotated, found by
     * {@code rotation.tokenName}), a pending one and the superseded ones, and forgets them, so it falls back to its
     * configured token until an administrator replaces that. {@code credential.revoked} for each.
     */
    public RotationResult revokeAll(PatSpec spec) {
        requireRotatable(spec);
        Optional<RotationLocks.Held> held = locks.tryLock(spec.id());
        if (held.isEmpty()) {
            throw RotationStatuses.inProgressElsewhere(new CycleContext(this, spec));
        }
        try (RotationLocks.Held ignored = held.get()) {
            try {
                return new RotationCycle(new CycleContext(this, spec), RotationCycle.Mode.RECOVER).revokeAll();
            } finally {
                apis.release(spec);
            }
        }
    }

    /** The credential's rotation state from the store; no Jira call, no lock. */
    public RotationStatus status(PatSpec spec) {
        return RotationStatuses.status(new CycleContext(this, spec));
    }

    /**
     * {@link #rotateIfDue} for many credentials, at most as many at a time as {@code executor} has threads. Never
     * throws for one credential: its failure is a {@link RotationResult.Outcome#FAILED} result (or
     * {@code IN_PROGRESS}/{@code BACKING_OFF}). Results are in the order of {@code specs}.
     */
    public List<RotationResult> rotateAllIfDue(List<PatSpec> specs, ExecutorService executor) {
        List<Future<RotationResult>> futures = new ArrayList<>(specs.size());
        for (PatSpec spec : specs) {
            futures.add(executor.submit(() -> rotateIfDueReporting(spec)));
        }
        List<RotationResult> results = new ArrayList<>(specs.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                results.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while rotating " + specs.size() + " credentials", e);
            } catch (ExecutionException e) {
                results.add(failed(specs.get(i), e.getCause()));
            }
        }
        return results;
    }

    /** {@link #rotateAllIfDue(List, ExecutorService)} on a pool of {@code workers} threads, shut down afterwards. */
    public List<RotationResult> rotateAllIfDue(List<PatSpec> specs, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, specs.size())), r -> {
            Thread t = new Thread(r, "jira-access-rotation");
            t.setDaemon(true);
            return t;
        });
        try {
            return rotateAllIfDue(specs, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private RotationResult rotateIfDueReporting(PatSpec spec) {
        try {
            return rotateIfDue(spec);
        } catch (RotationInProgressException e) {
            return new RotationResult(spec.id(), RotationResult.Outcome.IN_PROGRESS, e.rotationId(), null, List.of(),
                    List.of(), null, e.getMessage());
        } catch (RuntimeException e) {
            return failed(spec, e);
        }
    }

    private RotationResult failed(PatSpec spec, Throwable e) {
        String why = e instanceof JiraAccessException ? e.getMessage()
                : "credential " + spec.id() + ": internal error (" + e.getClass().getName() + ")";
        if (!(e instanceof JiraAccessException)) {
            LOG.log(Level.ERROR, why, e);
        }
        String rotationId = e instanceof RotationFailedException r ? r.rotationId() : null;
        return new RotationResult(spec.id(), RotationResult.Outcome.FAILED, rotationId, null, List.of(), List.of(), null, why);
    }

    private RotationResult cycle(PatSpec spec, RotationCycle.Mode mode) {
        requireRotatable(spec);
        Optional<RotationLocks.Held> held = locks.tryLock(spec.id());
        if (held.isEmpty()) {
            throw RotationStatuses.inProgressElsewhere(new CycleContext(this, spec));
        }
        try (RotationLocks.Held ignored = held.get()) {
            try {
                return new RotationCycle(new CycleContext(this, spec), mode).run();
            } finally {
                apis.release(spec);
            }
        }
    }

    static void requireRotatable(PatSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!spec.rotation().managed() || spec.rotation().tokenName() == null) {
            throw new ConfigurationException("credential " + spec.id() + ": has no rotation settings; add a rotation: "
                    + "block (everyDays, expiryDays, graceMinutes, tokenName) to the credential file");
        }
        if (spec.flavor() == JiraFlavor.CLOUD) {
            throw new ConfigurationException("credential " + spec.id() + ": personal access tokens exist only in Jira "
                    + "Data Center; " + spec.site().getHost() + " is Jira Cloud (use an api-token or OAuth credential there)");
        }
        if (spec.rotation().tokenName().length() > TokenNames.MAX_PREFIX) {
            throw new ConfigurationException("credential " + spec.id() + ": rotation.tokenName is longer than "
                    + TokenNames.MAX_PREFIX + " characters; Jira allows 255 for the whole token name, rotation ids included");
        }
    }

    /** Settings of a rotator; only the store and the PAT API factory are required. */
    public static final class Builder {
        private final CredentialStore store;
        private final PatApiFactory apis;
        private EventSink events = EventSink.NONE;
        private Fingerprinter fingerprinter;
        private Clock clock = Clock.systemUTC();
        private String serviceName = "jira-access";
        private RotationSettings settings = RotationSettings.DEFAULT;
        private RotationListener listener = RotationListener.NONE;
        private RotationLocks locks;
        private TokenBroker broker;

        private Builder(CredentialStore store, PatApiFactory apis) {
            this.store = Objects.requireNonNull(store, "store");
            this.apis = Objects.requireNonNull(apis, "apis");
        }

        /** Where {@code rotation.step}, {@code credential.rotated}, {@code credential.revoked}, {@code rotation.failed} go. */
        public Builder events(EventSink sink) {
            this.events = Objects.requireNonNull(sink, "events");
            return this;
        }

        /** Fingerprints tokens in events; without one, events carry none. */
        public Builder fingerprinter(Fingerprinter f) {
            this.fingerprinter = f;
            return this;
        }

        /** Grace periods, due dates, backoff; tests pass the simulator's clock. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder serviceName(String name) {
            this.serviceName = Objects.requireNonNull(name, "serviceName");
            return this;
        }

        public Builder settings(RotationSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        public Builder listener(RotationListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** Default: file locks beside a {@link FileCredentialStore}, else locks within this JVM. */
        public Builder locks(RotationLocks l) {
            this.locks = Objects.requireNonNull(l, "locks");
            return this;
        }

        /** The broker whose cached token of a credential is dropped when a rotation promotes a new one. */
        public Builder broker(TokenBroker b) {
            this.broker = b;
            return this;
        }

        public PatRotator build() {
            return new PatRotator(this);
        }
    }
}
