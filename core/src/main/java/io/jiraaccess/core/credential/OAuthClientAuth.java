package io.jiraaccess.core.credential;

/**
 * How an OAuth client proves its identity at the token endpoint (RFC 6749 section 2.3.1). Atlassian expects the
 * secret in the form body ({@code client_secret_post}), so that is the default; some servers only take Basic.
 */
public enum OAuthClientAuth {
    CLIENT_SECRET_POST("client_secret_post"),
    CLIENT_SECRET_BASIC("client_secret_basic");

    public static final OAuthClientAuth DEFAULT = CLIENT_SECRET_POST;

    private final String id;

    OAuthClientAuth(String id) {
        this.id = id;
    }

    /** The name written in credential files ({@code clientAuth}). */
    public String id() {
        return id;
    }

    public static OAuthClientAuth fromId(String id) {
        for (OAuthClientAuth a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
