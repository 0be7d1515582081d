package io.jiraaccess.core.upkeep;

import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.store.CredentialState;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides which credentials are due for rotation, refresh-ahead or an expiry warning. Pure: the caller passes
 * each credential with its stored state and the time, and does what comes back.
 * <ul>
 *   <li>Managed PAT: rotate when the current token is {@code rotation.everyDays} old (age counted from the last
 *       rotation, or from when the credential was first seen), or when its known expiry is within the grace period.</li>
 *   <li>OAuth kinds: refresh when the last refresh is older than {@link Settings#refreshEvery()}; Atlassian expires
 *       refresh tokens left unused for 90 days, and a refresh also proves the credential still works.</li>
 *   <li>Cloud API token: warn from {@link Settings#warnBefore()} before its expiry, at most once per
 *       {@link Settings#warnEvery()}; report it expired after.</li>
 * </ul>
 */
public final class UpkeepPlanner {
    /** State attribute: ISO instant of the last successful rotation or refresh. */
    public static final String LAST_RENEWED = "upkeep.lastRenewedAt";
    /** State attribute: ISO instant the credential was first seen by the planner's caller (age of an unrotated PAT). */
    public static final String FIRST_SEEN = "upkeep.firstSeenAt";
    /** State attribute: ISO instant of the last expiry warning. */
    public static final String LAST_WARNED = "upkeep.lastWarnedAt";
    /** State attribute: ISO instant the current secret expires, when known (set by rotation). */
    public static final String EXPIRES_AT = "upkeep.expiresAt";
    /** State attribute: failed rotations or refreshes in a row (absent after a success). */
    public static final String FAILURES = "upkeep.failures";
    /** State attribute: ISO instant of the last failed rotation or refresh. */
    public static final String LAST_FAILED = "upkeep.lastFailedAt";

    /**
     * @param refreshEvery how often OAuth credentials are refreshed ahead of need
     * @param warnBefore   how long before expiry a non-rotatable credential is warned about
     * @param warnEvery    how often the warning is repeated
     * @param retryAfter   wait after one failure; doubles with each failure in a row
     * @param retryAtMost  longest wait between attempts, however many failures: never give up, never hammer
     */
    public record Settings(Duration refreshEvery, Duration warnBefore, Duration warnEvery, Duration retryAfter,
                           Duration retryAtMost) {
        public static final Settings DEFAULT = new Settings(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(1),
                Duration.ofMinutes(15), Duration.ofHours(12));

        public Settings {
            Objects.requireNonNull(refreshEvery, "refreshEvery");
            Objects.requireNonNull(warnBefore, "warnBefore");
            Objects.requireNonNull(warnEvery, "warnEvery");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(retryAtMost, "retryAtMost");
        }
    }

    /** When a credential that failed {@code failures} times in a row, last at {@code lastFailed}, may be tried again. */
    public Instant nextAttempt(int failures, Instant lastFailed) {
        if (failures <= 0 || lastFailed == null) {
            return Instant.MIN;
        }
        Duration wait = settings.retryAfter().multipliedBy(1L << Math.min(failures - 1, 20));
        if (wait.compareTo(settings.retryAtMost()) > 0 || wait.isNegative()) {
            wait = settings.retryAtMost();
        }
        return lastFailed.plus(wait);
    }

    /** Failures in a row recorded in {@code state}. */
    public static int failures(CredentialState state) {
        try {
            String v = state.attribute(FAILURES);
            return v == null ? 0 : Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One credential and what its store knows about it. */
    public record Candidate(CredentialSpec spec, CredentialState state) {
        public Candidate {
            Objects.requireNonNull(spec, "spec");
            state = state == null ? CredentialState.EMPTY : state;
        }
    }

    private final Settings settings;

    public UpkeepPlanner(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public List<Upkeep> plan(List<Candidate> candidates, Instant now) {
        List<Upkeep> out = new ArrayList<>();
        for (Candidate c : candidates) {
            Upkeep u = planOne(c, now);
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }

    private Upkeep planOne(Candidate c, Instant now) {
        CredentialSpec spec = c.spec();
        CredentialState state = c.state();
        boolean backingOff = now.isBefore(nextAttempt(failures(state), instant(state, LAST_FAILED)));
        if (backingOff && (spec instanceof PatSpec || spec.kind().isOAuth())) {
            return null;
        }
        if (spec instanceof PatSpec pat) {
            if (!pat.rotation().managed()) {
                return null;
            }
            Instant since = first(instant(state, LAST_RENEWED), instant(state, FIRST_SEEN), now);
            Instant dueAt = since.plus(Duration.ofDays(pat.rotation().everyDays()));
            Instant expires = instant(state, EXPIRES_AT);
            if (expires != null && !now.isBefore(expires.minus(pat.rotation().grace()))) {
                return new Upkeep(Upkeep.Action.ROTATE, spec, "the token expires at " + expires
                        + ", within the grace period", expires.minus(pat.rotation().grace()));
            }
            if (!now.isBefore(dueAt)) {
                return new Upkeep(Upkeep.Action.ROTATE, spec, "the token is " + Duration.between(since, now).toDays()
                        + " days old; rotation is every " + pat.rotation().everyDays() + " days", dueAt);
            }
            return null;
        }
        if (spec.kind().isOAuth()) {
            Instant last = instant(state, LAST_RENEWED);
            if (last == null || !now.isBefore(last.plus(settings.refreshEvery()))) {
                return new Upkeep(Upkeep.Action.REFRESH, spec, last == null ? "never refreshed by this controller"
                        : "last refreshed at " + last, last == null ? now : last.plus(settings.refreshEvery()));
            }
            return null;
        }
        if (spec instanceof ApiTokenSpec api && api.expiresAt() != null) {
            Instant expires = api.expiresAt();
            Instant lastWarned = instant(state, LAST_WARNED);
            boolean quiet = lastWarned != null && now.isBefore(lastWarned.plus(settings.warnEvery()));
            if (!now.isBefore(expires)) {
                return quiet ? null : new Upkeep(Upkeep.Action.EXPIRED, spec, "the API token expired at " + expires
                        + "; create a new one at id.atlassian.com and update the credential, or migrate to a service account", expires);
            }
            if (!now.isBefore(expires.minus(settings.warnBefore()))) {
                return quiet ? null : new Upkeep(Upkeep.Action.WARN_EXPIRING, spec, "the API token expires at " + expires
                        + " (in " + Duration.between(now, expires).toDays() + " days) and cannot be rotated by API; "
                        + "replace it, or migrate to a service account", expires.minus(settings.warnBefore()));
            }
        }
        return null;
    }

    private static Instant first(Instant a, Instant b, Instant fallback) {
        return a != null ? a : b != null ? b : fallback;
    }

    /** The instant stored under {@code key}, or null when absent or unreadable (then the planner acts as if never done). */
    public static Instant instant(CredentialState state, String key) {
        String v = state.attribute(key);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
