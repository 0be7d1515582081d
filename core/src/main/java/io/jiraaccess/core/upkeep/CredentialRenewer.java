package io.jiraaccess.core.upkeep;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.CredentialSpec;

/**
 * Does the network part of an {@link Upkeep}: rotates a PAT, refreshes an OAuth credential, revokes a credential at
 * Jira. The CI integration plans with {@link UpkeepPlanner} and calls this; the PAT rotation engine and the OAuth
 * authenticators implement it. Every new secret is saved to {@link AuthContext#store()} before the old one is given up.
 */
public interface CredentialRenewer {
    /** A renewer that sends OAuth kinds to {@code oauth} and every other kind (PATs) to {@code rotation}. */
    static CredentialRenewer byKind(CredentialRenewer oauth, CredentialRenewer rotation) {
        return new CredentialRenewer() {
            @Override
            public void renew(CredentialSpec spec, AuthContext context) {
                (spec.kind().isOAuth() ? oauth : rotation).renew(spec, context);
            }

            @Override
            public void revoke(CredentialSpec spec, AuthContext context) {
                (spec.kind().isOAuth() ? oauth : rotation).revoke(spec, context);
            }

            @Override
            public void upkeep(CredentialSpec spec, AuthContext context) {
                (spec.kind().isOAuth() ? oauth : rotation).upkeep(spec, context);
            }
        };
    }

    /**
     * Rotates ({@code pat}) or refreshes (OAuth kinds) the credential.
     *
     * @throws io.jiraaccess.core.JiraAccessException naming the credential and the step that failed
     */
    void renew(CredentialSpec spec, AuthContext context);

    /** Revokes the credential's current secret at Jira, where Jira has an API for it. */
    void revoke(CredentialSpec spec, AuthContext context);

    /**
     * The periodic call for a credential nothing else was planned for: finishes interrupted work and revokes
     * superseded secrets whose grace period is over. Nothing to do by default.
     */
    default void upkeep(CredentialSpec spec, AuthContext context) {
    }
}
