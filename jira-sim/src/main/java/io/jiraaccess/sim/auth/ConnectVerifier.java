package io.jiraaccess.sim.auth;

import io.jiraaccess.sim.http.Request;
import java.util.Optional;

/** Verifies an Atlassian Connect JWT (signature, iat/exp, qsh) and names the calling app's user. */
@FunctionalInterface
public interface ConnectVerifier {

    /** The principal of a valid token; empty when the token is invalid for this request. */
    Optional<Principal> verify(String jwt, Request request);
}
