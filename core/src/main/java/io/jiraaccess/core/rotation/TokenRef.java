package io.jiraaccess.core.rotation;

import java.time.Instant;

/**
 * A token as events and results name it: by fingerprint and Jira id, never by value.
 *
 * @param fingerprint {@link io.jiraaccess.core.event.Fingerprinter} HMAC, or null without a fingerprinter
 * @param id          Jira's token id, null for the credential file's token before it was identified
 */
public record TokenRef(String fingerprint, Long id, String name, Instant expiresAt) {
}
