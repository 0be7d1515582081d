package io.jiraaccess.core.auth;

import io.jiraaccess.core.credential.CredentialSpec;

import java.net.URI;

/**
 * Produces the {@code Authorization} header for one request with one credential. Bearer kinds ignore the request
 * (a cached token serves any request); Connect JWTs are bound to the method, path and query, so every request gets
 * its own. Implementations never send a token anywhere: the HTTP client checks the target host first.
 */
public interface Authenticator {
    CredentialSpec spec();

    /**
     * @param method the HTTP method, upper case
     * @param target the absolute request URI, query included
     */
    AuthHeader authorize(String method, URI target);
}
