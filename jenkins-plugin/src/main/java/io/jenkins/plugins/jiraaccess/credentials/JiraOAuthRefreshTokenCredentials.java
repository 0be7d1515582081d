package io.jenkins.plugins.jiraaccess.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jiraaccess.core.binding.CredentialFields;
import io.jiraaccess.core.credential.CredentialKind;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An OAuth 2.0 refresh token (Atlassian 3LO, Jira DC as OAuth provider). Every refresh returns a new refresh token;
 * core stores it in this credential's state, written back with {@code CredentialsStore.updateCredentials} before use.
 */
public class JiraOAuthRefreshTokenCredentials extends JiraOAuthCredentials {
    private static final long serialVersionUID = 1L;

    private final Secret refreshToken;

    @DataBoundConstructor
    public JiraOAuthRefreshTokenCredentials(CredentialsScope scope, String id, String description, String site,
                                            String clientId, Secret refreshToken) {
        super(scope, id, description, site, clientId);
        this.refreshToken = refreshToken;
    }

    @Override
    public CredentialKind getKind() {
        return CredentialKind.OAUTH_REFRESH_TOKEN;
    }

    /** The refresh token entered by the administrator; the current one lives in the rotation state. */
    public Secret getRefreshToken() {
        return refreshToken;
    }

    /** Optional: public clients (PKCE) have none. */
    @DataBoundSetter
    public void setClientSecret(Secret clientSecret) {
        clientSecret(clientSecret);
    }

    @Override
    protected void fillGrant(CredentialFields f) {
        f.secret("refreshToken", plain(refreshToken));
    }

    @Override
    protected JiraCredentials copy() {
        return withSharedSettingsOf(new JiraOAuthRefreshTokenCredentials(getScope(), getId(), getDescription(),
                getSite(), getClientId(), refreshToken));
    }

    @Extension
    @Symbol("jiraOAuthRefreshToken")
    public static class DescriptorImpl extends JiraCredentialsDescriptor {
        public DescriptorImpl() {
            super(JiraOAuthRefreshTokenCredentials.class);
        }

        @Override
        public String getDisplayName() {
            return "Jira OAuth 2.0 refresh token (3LO or Data Center provider)";
        }

        /** Checks the settings only: a refresh would spend the refresh token, which an unsaved form cannot keep. */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item context, @QueryParameter String id,
                                               @QueryParameter String site, @QueryParameter String flavor,
                                               @QueryParameter String allowHosts, @QueryParameter String clientId,
                                               @QueryParameter String refreshToken, @QueryParameter String tokenUrl) {
            CredentialFields f = CredentialFields.of(CredentialKind.OAUTH_REFRESH_TOKEN, testId(id)).set("site", site)
                    .set("flavor", flavor).set("allow.hosts", allowHosts).set("clientId", clientId)
                    .set("tokenUrl", tokenUrl).secret("refreshToken", Secret.fromString(refreshToken).getPlainText());
            return testConnection(context, f);
        }
    }
}
