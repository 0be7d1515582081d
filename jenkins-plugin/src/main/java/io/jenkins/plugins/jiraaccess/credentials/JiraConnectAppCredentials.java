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

/** An Atlassian Connect app installation: a JWT minted per request, so only {@code jiraRequest} can use it. */
public class JiraConnectAppCredentials extends JiraCredentials {
    private static final long serialVersionUID = 1L;

    private final String appKey;
    private final Secret sharedSecret;
    private int ttlSeconds;

    @DataBoundConstructor
    public JiraConnectAppCredentials(CredentialsScope scope, String id, String description, String site, String appKey,
                                     Secret sharedSecret) {
        super(scope, id, description, site);
        this.appKey = trim(appKey);
        this.sharedSecret = sharedSecret;
    }

    @Override
    public CredentialKind getKind() {
        return CredentialKind.CONNECT_JWT;
    }

    public String getAppKey() {
        return appKey;
    }

    public Secret getSharedSecret() {
        return sharedSecret;
    }

    /** Lifetime of each minted JWT; 0 for the default (180 s). */
    public int getTtlSeconds() {
        return ttlSeconds;
    }

    @DataBoundSetter
    public void setTtlSeconds(int ttlSeconds) {
        this.ttlSeconds = Math.max(0, ttlSeconds);
    }

    @Override
    protected void fill(CredentialFields f) {
        f.set("appKey", appKey).set("ttlSeconds", ttlSeconds > 0 ? ttlSeconds : null)
                .secret("sharedSecret", plain(sharedSecret));
    }

    @Override
    protected JiraCredentials copy() {
        JiraConnectAppCredentials c = new JiraConnectAppCredentials(getScope(), getId(), getDescription(), getSite(),
                appKey, sharedSecret);
        c.ttlSeconds = ttlSeconds;
        return c;
    }

    @Extension
    @Symbol("jiraConnectApp")
    public static class DescriptorImpl extends JiraCredentialsDescriptor {
        public DescriptorImpl() {
            super(JiraConnectAppCredentials.class);
        }

        @Override
        public String getDisplayName() {
            return "Jira Connect app (shared secret, JWT per request)";
        }

        @POST
        public FormValidation doTestConnection(@AncestorInPath Item context, @QueryParameter String id,
                                               @QueryParameter String site, @QueryParameter String flavor,
                                               @QueryParameter String allowHosts, @QueryParameter String appKey,
                                               @QueryParameter String sharedSecret) {
            CredentialFields f = CredentialFields.of(CredentialKind.CONNECT_JWT, testId(id)).set("site", site)
                    .set("flavor", flavor).set("allow.hosts", allowHosts).set("appKey", appKey)
                    .secret("sharedSecret", Secret.fromString(sharedSecret).getPlainText());
            return testConnection(context, f);
        }
    }
}
