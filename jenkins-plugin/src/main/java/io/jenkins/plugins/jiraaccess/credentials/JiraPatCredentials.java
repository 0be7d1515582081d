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

/** A Jira Data Center personal access token, sent as Bearer; rotated by Jenkins when a rotation period is set. */
public class JiraPatCredentials extends JiraCredentials {
    private static final long serialVersionUID = 1L;

    private final Secret token;
    private int rotationEveryDays;
    private int rotationExpiryDays;
    private int rotationGraceMinutes;
    private String rotationUsername;
    private Secret rotationPassword;

    @DataBoundConstructor
    public JiraPatCredentials(CredentialsScope scope, String id, String description, String site, Secret token) {
        super(scope, id, description, site);
        this.token = token;
    }

    @Override
    public CredentialKind getKind() {
        return CredentialKind.PAT;
    }

    public Secret getToken() {
        return token;
    }

    /** Rotate when the token is this many days old; 0 leaves the token unmanaged. */
    public int getRotationEveryDays() {
        return rotationEveryDays;
    }

    @DataBoundSetter
    public void setRotationEveryDays(int rotationEveryDays) {
        this.rotationEveryDays = Math.max(0, rotationEveryDays);
    }

    public int getRotationExpiryDays() {
        return rotationExpiryDays;
    }

    @DataBoundSetter
    public void setRotationExpiryDays(int rotationExpiryDays) {
        this.rotationExpiryDays = Math.max(0, rotationExpiryDays);
    }

    public int getRotationGraceMinutes() {
        return rotationGraceMinutes;
    }

    @DataBoundSetter
    public void setRotationGraceMinutes(int rotationGraceMinutes) {
        this.rotationGraceMinutes = Math.max(0, rotationGraceMinutes);
    }

    public String getRotationUsername() {
        return rotationUsername;
    }

    @DataBoundSetter
    public void setRotationUsername(String rotationUsername) {
        this.rotationUsername = trim(rotationUsername);
    }

    public Secret getRotationPassword() {
        return rotationPassword;
    }

    @DataBoundSetter
    public void setRotationPassword(Secret rotationPassword) {
        this.rotationPassword = rotationPassword;
    }

    @Override
    protected void fill(CredentialFields f) {
        fill(f, token, rotationEveryDays, rotationExpiryDays, rotationGraceMinutes, rotationUsername, rotationPassword);
    }

    static void fill(CredentialFields f, Secret token, int everyDays, int expiryDays, int graceMinutes, String username,
                     Secret password) {
        f.secret("token", plain(token));
        if (everyDays > 0) {
            f.set("rotation.everyDays", everyDays);
            f.set("rotation.expiryDays", expiryDays > 0 ? expiryDays : null);
            f.set("rotation.graceMinutes", graceMinutes > 0 ? graceMinutes : null);
            f.set("rotation.username", username);
            f.secret("rotation.password", plain(password));
        }
    }

    @Override
    protected JiraCredentials copy() {
        JiraPatCredentials c = new JiraPatCredentials(getScope(), getId(), getDescription(), getSite(), token);
        c.rotationEveryDays = rotationEveryDays;
        c.rotationExpiryDays = rotationExpiryDays;
        c.rotationGraceMinutes = rotationGraceMinutes;
        c.rotationUsername = rotationUsername;
        c.rotationPassword = rotationPassword;
        return c;
    }

    @Extension
    @Symbol("jiraPat")
    public static class DescriptorImpl extends JiraCredentialsDescriptor {
        public DescriptorImpl() {
            super(JiraPatCredentials.class);
        }

        @Override
        public String getDisplayName() {
            return "Jira personal access token (Data Center, rotating)";
        }

        @POST
        public FormValidation doTestConnection(@AncestorInPath Item context, @QueryParameter String id,
                                               @QueryParameter String site, @QueryParameter String flavor,
                                               @QueryParameter String allowHosts, @QueryParameter String token) {
            CredentialFields f = CredentialFields.of(CredentialKind.PAT, testId(id)).set("site", site).set("flavor", flavor)
                    .set("allow.hosts", allowHosts).secret("token", Secret.fromString(token).getPlainText());
            return testConnection(context, f);
        }
    }
}
