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

/** An Atlassian Cloud API token, sent as Basic (legacy): cannot be rotated by API, so its expiry is tracked. */
public class JiraApiTokenCredentials extends JiraCredentials {
    private static final long serialVersionUID = 1L;

    private final String email;
    private final Secret token;
    private String expiresAt;

    @DataBoundConstructor
    public JiraApiTokenCredentials(CredentialsScope scope, String id, String description, String site, String email,
                                   Secret token) {
        super(scope, id, description, site);
        this.email = trim(email);
        this.token = token;
    }

    @Override
    public CredentialKind getKind() {
        return CredentialKind.API_TOKEN;
    }

    public String getEmail() {
        return email;
    }

    public Secret getToken() {
        return token;
    }

    /** The expiry Atlassian shows for the token, {@code 2026-05-01}; warnings start two weeks before. */
    public String getExpiresAt() {
        return expiresAt;
    }

    @DataBoundSetter
    public void setExpiresAt(String expiresAt) {
        this.expiresAt = trim(expiresAt);
    }

    @Override
    protected void fill(CredentialFields f) {
        f.set("email", email).set("expiresAt", expiresAt).secret("token", plain(token));
    }

    @Override
    protected JiraCredentials copy() {
        JiraApiTokenCredentials c = new JiraApiTokenCredentials(getScope(), getId(), getDescription(), getSite(), email, token);
        c.expiresAt = expiresAt;
        return c;
    }

    @Extension
    @Symbol("jiraApiToken")
    public static class DescriptorImpl extends JiraCredentialsDescriptor {
        public DescriptorImpl() {
            super(JiraApiTokenCredentials.class);
        }

        @Override
        public String getDisplayName() {
            return "Jira Cloud API token (legacy Basic auth)";
        }

        @POST
        public FormValidation doTestConnection(@AncestorInPath Item context, @QueryParameter String id,
                                               @QueryParameter String site, @QueryParameter String flavor,
                                               @QueryParameter String allowHosts, @QueryParameter String email,
                                               @QueryParameter String token) {
            CredentialFields f = CredentialFields.of(CredentialKind.API_TOKEN, testId(id)).set("site", site)
                    .set("flavor", flavor).set("allow.hosts", allowHosts).set("email", email)
                    .secret("token", Secret.fromString(token).getPlainText());
            return testConnection(context, f);
        }
    }
}
