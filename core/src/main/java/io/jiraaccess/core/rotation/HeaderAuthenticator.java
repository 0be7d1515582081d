package io.jiraaccess.core.rotation;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.CredentialSpec;

import java.net.URI;

/** Sends one given header: a rotation acts with a specific token (current, pending) or with Basic, not the cached one. */
final class HeaderAuthenticator implements Authenticator {
    private final CredentialSpec spec;
    private final AuthHeader header;

    HeaderAuthenticator(CredentialSpec spec, AuthHeader header) {
        this.spec = spec;
        this.header = header;
    }

    @Override
    public CredentialSpec spec() {
        return spec;
    }

    @Override
    public AuthHeader authorize(String method, URI target) {
        return header;
    }
}
