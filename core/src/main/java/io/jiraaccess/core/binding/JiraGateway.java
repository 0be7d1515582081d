package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.CredentialSpec;

import java.time.Instant;
import java.util.Optional;

/**
 * What a CI integration asks of core's authenticators and Jira client, in one small seam: a header to hand to a
 * block, how long the token behind it lives, and a guarded request. {@link #UNAVAILABLE} answers every call with a
 * clear error until the authenticators and client are wired in.
 */
public interface JiraGateway {
    /** A gateway without authenticators: every call fails, naming what is missing. */
    JiraGateway UNAVAILABLE = new JiraGateway() {
        @Override
        public AuthHeader authorize(CredentialSpec spec, AuthContext context) {
            throw unavailable(spec);
        }

        @Override
        public Optional<Instant> tokenExpiry(CredentialSpec spec, AuthContext context) {
            return Optional.empty();
        }

        @Override
        public void invalidate(CredentialSpec spec, AuthContext context) {
        }

        @Override
        public Reply request(CredentialSpec spec, AuthContext context, PipelineRun run, String method, String path, String body) {
            throw unavailable(spec);
        }

        private UnsupportedOperationException unavailable(CredentialSpec spec) {
            return new UnsupportedOperationException("credential " + spec.id() + ": Jira requests are not available in "
                    + "this build of Jira Access (core's authenticators and Jira client are not wired)");
        }
    };

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
