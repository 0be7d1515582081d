package io.jiraaccess.core.credential;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The five kinds of Jira credential, by the {@code kind} name used in credential files. */
public enum CredentialKind {
    /** Jira Data Center personal access token, sent as Bearer, rotated. */
    PAT("pat"),
    /** Atlassian Cloud API token, sent as Basic (legacy): expiry tracked, migration flagged. */
    API_TOKEN("api-token"),
    /** OAuth 2.0 client credentials (service account), Bearer access tokens fetched and cached. */
    OAUTH_CLIENT_CREDENTIALS("oauth-client-credentials"),
    /** OAuth 2.0 refresh token (3LO or Jira DC provider), rotated on every refresh. */
    OAUTH_REFRESH_TOKEN("oauth-refresh-token"),
    /** Atlassian Connect app shared secret, a JWT minted per request. */
    CONNECT_JWT("connect-jwt");

    private final String id;

    CredentialKind(String id) {
        this.id = id;
    }

    /** The name written in credential files and events ({@code jira_access.credential.kind}). */
    public String id() {
        return id;
    }

    /** The kind named {@code id}, or null. */
    public static CredentialKind fromId(String id) {
        for (CredentialKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    public static String names() {
        return Arrays.stream(values()).map(CredentialKind::id).collect(Collectors.joining(", "));
    }

    /** True for the kinds whose header is {@code Bearer <token>}. */
    public boolean isBearer() {
        return this == PAT || this == OAUTH_CLIENT_CREDENTIALS || this == OAUTH_REFRESH_TOKEN;
    }

    /** True for the OAuth kinds, whose access tokens expire within the hour. */
    public boolean isOAuth() {
        return this == OAUTH_CLIENT_CREDENTIALS || this == OAUTH_REFRESH_TOKEN;
    }

    @Override
    public String toString() {
        return id;
    }
}
