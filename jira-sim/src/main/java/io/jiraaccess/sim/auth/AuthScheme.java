package io.jiraaccess.sim.auth;

/**
 * How a request authenticated. {@code authType} is the value the simulator reports in audit records, modelled
 * on the org audit log's {@code actor.auth.authType}: Atlassian documents the field but publishes only
 * {@code container-token} as an example value, so the other names here are the simulator's choice.
 */
public enum AuthScheme {
    /** Cloud: {@code Basic base64(email:apiToken)}. */
    BASIC_API_TOKEN("Basic", "api-token", Flavor.CLOUD),
    /** Data Center: {@code Basic base64(username:password)}. */
    BASIC_PASSWORD("Basic", "password", Flavor.DATA_CENTER),
    /** Data Center personal access token as Bearer. */
    PAT("Bearer", "personal-access-token", Flavor.DATA_CENTER),
    /** Cloud OAuth 2.0 access token (3LO or service account client credentials). */
    OAUTH_CLOUD("Bearer", "oauth2", Flavor.CLOUD),
    /** Jira Data Center as OAuth 2.0 provider. */
    OAUTH_DATA_CENTER("Bearer", "oauth2", Flavor.DATA_CENTER),
    /** Atlassian Connect app JWT. */
    CONNECT_JWT("JWT", "connect-jwt", Flavor.CLOUD);

    private final String headerScheme;
    private final String authType;
    private final Flavor flavor;

    AuthScheme(String headerScheme, String authType, Flavor flavor) {
        this.headerScheme = headerScheme;
        this.authType = authType;
        this.flavor = flavor;
    }

    public String headerScheme() {
        return headerScheme;
    }

    public String authType() {
        return authType;
    }

    public Flavor flavor() {
        return flavor;
    }
}
