package io.jiraaccess.sim.auth;

import io.jiraaccess.sim.audit.AuditEntry;
import io.jiraaccess.sim.model.User;
import java.util.Set;

/**
 * The authenticated caller of one request.
 *
 * @param tokenId    id of the credential used (API token id, PAT id, OAuth client id, Connect app key)
 * @param tokenLabel its human label
 * @param scopes     OAuth scopes; empty for credentials that carry the user's full permissions
 */
public record Principal(User user, AuthScheme scheme, String tokenId, String tokenLabel, Set<String> scopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public Flavor flavor() {
        return scheme.flavor();
    }

    public AuditEntry.AuthInfo authInfo() {
        return new AuditEntry.AuthInfo(scheme.authType(), tokenId, tokenLabel);
    }

    public boolean isOAuth() {
        return scheme == AuthScheme.OAUTH_CLOUD || scheme == AuthScheme.OAUTH_DATA_CENTER;
    }
}
