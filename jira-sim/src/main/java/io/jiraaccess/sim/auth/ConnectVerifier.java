package io.jiraaccess.sim.auth;

import io.jiraaccess.sim.http.Request;

/** Verifies an Atlassian Connect JWT (signature, iat/exp, qsh) and names the calling app's user. */
@FunctionalInterface
public interface ConnectVerifier {

    /** Why a token was refused: a reason code, never the token or a secret. */
    final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The principal of a valid token.
     *
     * @throws Refused when the token does not authenticate this request
     */
    Principal verify(String jwt, Request request);
}
