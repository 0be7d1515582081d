package io.jiraaccess.core.binding;

import io.jiraaccess.core.PolicyViolationException;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a token handed to a block outlives it. A block's variables and masks are fixed when it starts, so a token
 * that expires (or is refreshed) mid-block breaks the build and the refreshed value would be neither seen nor
 * masked: the step asks for a token valid at least as long as the block may run, or refuses with the reason.
 */
public final class BlockLifetime {
    /** How long a block may run when the pipeline does not say: half of a typical one-hour OAuth access token. */
    public static final Duration DEFAULT = Duration.ofMinutes(30);
    /** Longest block a token can be asked to cover: Atlassian and Jira DC access tokens live one hour. */
    public static final Duration MAX = Duration.ofMinutes(55);

    private BlockLifetime() {
    }

    /** The block duration to require: {@code minutes} when positive, else {@link #DEFAULT}; capped at {@link #MAX}. */
    public static Duration required(int minutes) {
        if (minutes <= 0) {
            return DEFAULT;
        }
        Duration d = Duration.ofMinutes(minutes);
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    /** True when a token expiring at {@code expiresAt} (null: no known expiry) is valid for {@code needed} from now. */
    public static boolean outlives(Instant expiresAt, Instant now, Duration needed) {
        return expiresAt == null || !expiresAt.isBefore(now.plus(needed));
    }

    /**
     * Refuses a token that would expire inside the block.
     *
     * @throws PolicyViolationException naming the credential, the remaining lifetime and what to do
     */
    public static void require(String credentialId, Instant expiresAt, Instant now, Duration needed) {
        if (outlives(expiresAt, now, needed)) {
            return;
        }
        long left = Math.max(0, Duration.between(now, expiresAt).toMinutes());
        throw new PolicyViolationException("token.lifetime", "credential " + credentialId + ": the token it can hand out "
                + "expires in " + left + " min, but the block may run " + needed.toMinutes() + " min (minTokenValidity); "
                + "shorten the block and lower minTokenValidity, or call Jira with jiraRequest, which refreshes per request");
    }
}
