package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticators;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.JiraResponse;
import io.jiraaccess.core.oauth.OAuthAuthenticators;
import io.jiraaccess.core.token.AccessToken;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link JiraGateway} over core's authenticators and Jira client: headers come from
 * {@link Authenticators#create}, OAuth token lifetimes from the shared token broker, and requests go through
 * {@link JiraClient}, which applies the allow policy and records {@code token.used} with the pipeline's job, build and
 * node.
 */
public final class CoreJiraGateway implements JiraGateway {
    private final HttpSettings settings;

    public CoreJiraGateway() {
        this(HttpSettings.DEFAULT);
    }

    public CoreJiraGateway(HttpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public AuthHeader authorize(CredentialSpec spec, AuthContext context) {
        return Authenticators.create(spec, context).authorize("GET", spec.site());
    }

    /** OAuth kinds: the cached access token's expiry; API tokens: their tracked expiry; others: unknown. */
    @Override
    public Optional<Instant> tokenExpiry(CredentialSpec spec, AuthContext context) {
        if (spec.kind().isOAuth()) {
            return context.broker().peek(OAuthAuthenticators.key(spec, context)).map(AccessToken::expiresAt);
        }
        if (spec instanceof ApiTokenSpec api) {
            return Optional.ofNullable(api.expiresAt());
        }
        return Optional.empty();
    }

    @Override
    public void invalidate(CredentialSpec spec, AuthContext context) {
        if (spec.kind().isOAuth()) {
            context.broker().invalidate(OAuthAuthenticators.key(spec, context));
        }
    }

    @Override
    public Reply request(CredentialSpec spec, AuthContext context, PipelineRun run, String method, String path, String body) {
        JiraClient client = JiraClient.builder(Authenticators.create(spec, context))
                .events(context.events())
                .fingerprinter(context.fingerprinter())
                .serviceName(context.serviceName())
                .pipeline(run.job(), run.build(), run.url(), run.node())
                .settings(settings)
                .clock(context.clock())
                .build();
        JiraResponse response = client.send(JiraRequest.of(method, path, body));
        return new Reply(response.status(), response.body());
    }
}
