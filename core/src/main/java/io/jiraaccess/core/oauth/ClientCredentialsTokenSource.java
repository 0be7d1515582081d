package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.token.AccessToken;
import io.jiraaccess.core.token.TokenSource;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Access tokens by the client credentials grant (an Atlassian service account, a Jira DC OAuth client): a form body
 * with the client authenticated as configured ({@code client_secret_post} unless the spec says basic), the optional
 * {@code audience} parameter and the spec's scopes. No refresh token is involved, so nothing is stored.
 */
public final class ClientCredentialsTokenSource implements TokenSource {
    private final OAuthClientCredentialsSpec spec;
    private final TokenEndpoint endpoint;
    private final Clock clock;

    public ClientCredentialsTokenSource(OAuthClientCredentialsSpec spec, HTTPRequestSender sender, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = new TokenEndpoint(spec.id(), spec.tokenUrl(), spec.clientId(), spec.clientSecret(),
                spec.clientAuth(), sender);
    }

    @Override
    public AccessToken fetch() {
        Map<String, String> params = new HashMap<>();
        params.put("audience", spec.audience());
        Instant requestedAt = clock.instant();
        TokenEndpoint.Outcome outcome = endpoint.send(new ClientCredentialsGrant(), spec.scopes(), params);
        if (!outcome.ok()) {
            throw endpoint.refused(outcome, "client_credentials", List.of(spec.clientSecret()));
        }
        return TokenEndpoint.accessToken(outcome.tokens(), spec.scopes(), requestedAt);
    }
}
