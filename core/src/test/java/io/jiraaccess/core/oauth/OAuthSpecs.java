package io.jiraaccess.core.oauth;

import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.OAuthClientAuth;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.util.List;

/** Credential specs for OAuth tests. */
final class OAuthSpecs {
    static final String CLIENT_SECRET = "cs-7f3a9b2e41d84c6aa0e5b19f";
    static final URI TOKEN_URL = URI.create("https://auth.example.com/oauth/token");
    static final URI AUTHORIZE_URL = URI.create("https://auth.example.com/authorize");

    private OAuthSpecs() {
    }

    static CredentialSpec.Common common(String id, String site) {
        return new CredentialSpec.Common(id, URI.create(site), null, "ci-bot", null,
                new AllowPolicy(List.of(), List.of("OPS"), null));
    }

    static OAuthClientCredentialsSpec clientCredentials(String audience, OAuthClientAuth auth, String... scopes) {
        return new OAuthClientCredentialsSpec(common("svc-jira", "https://jira.example.com"), TOKEN_URL, "svc-client",
                SecretValue.of(CLIENT_SECRET), List.of(scopes), audience, auth);
    }

    static OAuthRefreshTokenSpec refreshToken(String seed) {
        return refreshToken("3lo-jira", seed, SecretValue.of(CLIENT_SECRET), JiraFlavor.DATACENTER);
    }

    static OAuthRefreshTokenSpec refreshToken(String id, String seed, SecretValue clientSecret, JiraFlavor flavor) {
        CredentialSpec.Common c = new CredentialSpec.Common(id, URI.create(flavor == JiraFlavor.CLOUD
                ? "https://acme.atlassian.net" : "https://jira.example.com"), flavor, "ci-bot", null, null);
        return new OAuthRefreshTokenSpec(c, TOKEN_URL, AUTHORIZE_URL, "app-client", clientSecret,
                SecretValue.ofNullable(seed), List.of("read:jira-work", "offline_access"), null);
    }
}
