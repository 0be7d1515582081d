package io.jiraaccess.daemon.jira;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.util.Objects;

/**
 * An Atlassian organisation admin API key ({@code Authorization: Bearer}, scope {@code read:tokens:admin}, and
 * {@code write:...} to revoke), as an {@link Authenticator} for core's {@code JiraClient}: the client's host policy
 * keeps the key on the admin API's host ({@code api.atlassian.com} by default), redirects included. The spec it
 * reports is a bearer-token spec of that host; the key is never printed.
 */
public final class OrgAdminKey implements Authenticator {
    private final PatSpec spec;
    private final SecretValue key;

    /** @param id names the key in messages, e.g. {@code corp-cloud-org-admin} */
    public OrgAdminKey(String id, URI adminApi, SecretValue key) {
        this.key = Objects.requireNonNull(key, "key");
        this.spec = new PatSpec(new CredentialSpec.Common(id, adminApi, JiraFlavor.CLOUD, null,
                "Atlassian organisation admin API key", AllowPolicy.DEFAULT), key, null);
    }

    @Override
    public CredentialSpec spec() {
        return spec;
    }

    @Override
    public AuthHeader authorize(String method, URI target) {
        return new AuthHeader("Bearer", key);
    }
}
