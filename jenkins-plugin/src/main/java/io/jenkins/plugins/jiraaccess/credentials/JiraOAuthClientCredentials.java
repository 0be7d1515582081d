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
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** OAuth 2.0 client credentials (Atlassian service account, Jira DC OAuth client): Bearer access tokens, cached. */
public class JiraOAuthClientCredentials extends JiraOAuthCredentials {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public JiraOAuthClientCredentials(CredentialsScope scope, String id, String description, String site, String clientId,
                                      Secret clientSecret) {
        super(scope, id, description, site, clientId);
        clientSecret(clientSecret);
    }

    @Override
    public CredentialKind getKind() {
        return CredentialKind.OAUTH_CLIENT_CREDENTIALS;
    }

    /** The client credentials grant has nothing beyond the client's own settings. */
    @Override
    protected void fillGrant(CredentialFields f) {
    }

    @Override
    protected JiraCredentials copy() {
        return withSharedSettingsOf(new JiraOAuthClientCredentials(getScope(), getId(), getDescription(), getSite(),
                getClientId(), getClientSecret()));
    }

    @Extension
    @Symbol("jiraOAuthClient")
    public static class DescriptorImpl extends JiraCredentialsDescriptor {
        public DescriptorImpl() {
            super(JiraOAuthClientCredentials.class);
        }

        @Override
        public String getDisplayName() {
            return "Jira OAuth 2.0 client credentials (service account)";
        }

        @POST
        public FormValidation doTestConnection(@AncestorInPath Item context, @QueryParameter String id,
                                               @QueryParameter String site, @QueryParameter String flavor,
                                               @QueryParameter String allowHosts, @QueryParameter String clientId,
                                               @QueryParameter String clientSecret, @QueryParameter String tokenUrl,
                                               @QueryParameter String scopes, @QueryParameter String audience) {
            CredentialFields f = CredentialFields.of(CredentialKind.OAUTH_CLIENT_CREDENTIALS, testId(id)).set("site", site)
                    .set("flavor", flavor).set("allow.hosts", allowHosts).set("clientId", clientId)
                    .set("tokenUrl", tokenUrl).set("scopes", scopes).set("audience", audience)
                    .secret("clientSecret", Secret.fromString(clientSecret).getPlainText());
            return testConnection(context, f);
        }
    }
}
