package io.jiraaccess.core.token;

import io.jiraaccess.core.AuthenticationException;

/**
 * A token source will not produce tokens again until someone acts: the authorization server refused a refresh token
 * believed current ({@code invalid_grant}), so the credential is stopped. It is not retried, every use fails with this
 * message until it is re-authorized, and the {@link TokenBroker} stops serving a cached token for it too: a refused
 * grant usually means revoked access, which should take effect now rather than when the last access token expires.
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
