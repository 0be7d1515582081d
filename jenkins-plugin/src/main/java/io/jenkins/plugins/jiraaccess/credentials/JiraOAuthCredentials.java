package io.jenkins.plugins.jiraaccess.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import io.jiraaccess.core.binding.CredentialFields;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the two OAuth 2.0 kinds share: the client id, the client secret, the token endpoint, the scopes and the
 * audience, their fields in core's spec and their copy for write-back. Each kind adds its grant: nothing more for
 * client credentials, the refresh token for the refresh-token kind.
 */
public abstract class JiraOAuthCredentials extends JiraCredentials {
    private static final long serialVersionUID = 1L;

    private final String clientId;
    private Secret clientSecret;
    private String tokenUrl;
    private String scopes;
    private String audience;

    protected JiraOAuthCredentials(CredentialsScope scope, String id, String description, String site, String clientId) {
        super(scope, id, description, site);
        this.clientId = trim(clientId);
    }

    public String getClientId() {
        return clientId;
    }

    public Secret getClientSecret() {
        return clientSecret;
    }

    /** Set by each kind: a constructor parameter where the secret is required, a setter where it is optional. */
    protected void clientSecret(Secret clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    @DataBoundSetter
    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = trim(tokenUrl);
    }

    public String getScopes() {
        return scopes;
    }

    @DataBoundSetter
    public void setScopes(String scopes) {
        this.scopes = trim(scopes);
    }

    public String getAudience() {
        return audience;
    }

    @DataBoundSetter
    public void setAudience(String audience) {
        this.audience = trim(audience);
    }

    /** The kind's grant: its own fields in core's spec. */
    protected abstract void fillGrant(CredentialFields f);

    @Override
    protected final void fill(CredentialFields f) {
        f.set("clientId", clientId).set("tokenUrl", tokenUrl).set("scopes", scopes).set("audience", audience)
                .secret("clientSecret", plain(clientSecret));
        fillGrant(f);
    }

    /** Copies the shared optional settings onto a new instance of the same kind. */
    protected final <T extends JiraOAuthCredentials> T withSharedSettingsOf(T copy) {
        copy.clientSecret(clientSecret);
        copy.setTokenUrl(tokenUrl);
        copy.setScopes(scopes);
        copy.setAudience(audience);
        return copy;
    }
}
