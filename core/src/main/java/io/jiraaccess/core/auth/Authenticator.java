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

    /**
     * Jira answered 401 to {@code rejected}, a header this authenticator gave: drop the cached token if it is still
     * that one (another thread may have replaced it already), so the next {@link #authorize} gets a fresh one,
     * re-read from the store or refreshed. The HTTP client calls this at most once per request. Authenticators
     * without a cache (Basic, Connect JWT) keep the default, which does nothing.
     */
    default void rejected(AuthHeader rejected) {
    }
}
