package io.jiraaccess.core.upkeep;

import io.jiraaccess.core.credential.CredentialSpec;

import java.time.Instant;

/**
 * One thing the periodic work must do for one credential.
 *
 * @param action what to do
 * @param spec   the credential
 * @param reason why now, for logs and events (no secret)
 * @param due    when it became due
 */
public record Upkeep(Action action, CredentialSpec spec, String reason, Instant due) {
    public enum Action {
        /** Rotate a managed personal access token: create, verify, store, then revoke the old one. */
        ROTATE,
        /** Refresh an OAuth credential ahead of need: keeps access tokens warm and refresh tokens from idling out. */
        REFRESH,
        /** The credential expires soon and cannot be rotated by API (Cloud API token): warn. */
        WARN_EXPIRING,
        /** The credential has expired: warn, it will be refused by Jira. */
        EXPIRED
    }
}
