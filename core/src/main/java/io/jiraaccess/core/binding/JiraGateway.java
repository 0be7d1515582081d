package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.CredentialSpec;

import java.time.Instant;
import java.util.Optional;

/**
 * What a CI integration asks of core's authenticators and Jira client, in one small seam: a header to hand to a
 * block, how long the token behind it lives, and a guarded request ({@link CoreJiraGateway} is core's).
 */
public interface JiraGateway {
    /** The {@code Authorization} header for requests to the credential's site (a cached token while it is fresh). */
    AuthHeader authorize(CredentialSpec spec, AuthContext context);

    /** When the token behind the last {@link #authorize} expires, when known (OAuth access tokens). */
    Optional<Instant> tokenExpiry(CredentialSpec spec, AuthContext context);

    /** Drops the cached token, so the next {@link #authorize} fetches a new one. */
    void invalidate(CredentialSpec spec, AuthContext context);

    /**
     * One request through the credential's allow policy, with a {@code token.used}-style audit trail in core.
     *
     * @param path relative to the site, query included, e.g. {@code /rest/api/2/issue/OPS-1}
     * @throws io.jiraaccess.core.PolicyViolationException when the allow policy refuses it (nothing was sent)
     */
    Reply request(CredentialSpec spec, AuthContext context, PipelineRun run, String method, String path, String body);

    /** Jira's answer: status and body (never a secret of ours). */
    record Reply(int status, String body) {
    }
}
