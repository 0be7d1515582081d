package io.jiraaccess.core.oauth;

import io.jiraaccess.core.AuthenticationException;

/**
 * The authorization server refused a refresh token that was believed current ({@code invalid_grant}), so the
 * credential is stopped: it is not retried, every use fails with this message until someone re-authorizes.
 */
public class CredentialStoppedException extends AuthenticationException {
    private final String credentialId;

    public CredentialStoppedException(String credentialId, String message) {
        super(message);
        this.credentialId = credentialId;
    }

    public String credentialId() {
        return credentialId;
    }
}
