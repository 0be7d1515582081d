package io.jenkins.plugins.jiraaccess.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.binding.ConnectionProbe;
import io.jiraaccess.core.binding.CredentialFields;
import io.jiraaccess.core.binding.JiraGateway;
import io.jiraaccess.core.binding.PipelineRun;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStateJson;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A Jira credential: the settings every kind shares (site, flavor, owner, allow policy, agent label) and the
 * rotation state core keeps for it. Each kind maps 1:1 onto a core {@link CredentialSpec}; every decision is core's.
 */
public abstract class JiraCredentials extends BaseStandardCredentials {
    private static final long serialVersionUID = 1L;

    private final String site;
    private String flavor;
    private String owner;
    private String allowHosts;
    private String allowProjects;
    private String allowOperations;
    private String agentLabel;
    /** Core's rotation state (rotated tokens, progress markers) as encrypted JSON; round-trips through the form. */
    private Secret state;

    protected JiraCredentials(CredentialsScope scope, String id, String description, String site) {
        super(scope, id, description);
        this.site = trim(site);
    }

    public abstract CredentialKind getKind();

    /** Adds the kind's own fields to the core spec being built. */
    protected abstract void fill(CredentialFields fields);

    /** A new instance with the same form values, for write-back with new state. */
    protected abstract JiraCredentials copy();

    public String getSite() {
        return site;
    }

    public String getFlavor() {
        return flavor;
    }

    @DataBoundSetter
    public void setFlavor(String flavor) {
        this.flavor = trim(flavor);
    }

    public String getOwner() {
        return owner;
    }

    @DataBoundSetter
    public void setOwner(String owner) {
        this.owner = trim(owner);
    }

    public String getAllowHosts() {
        return allowHosts;
    }

    @DataBoundSetter
    public void setAllowHosts(String allowHosts) {
        this.allowHosts = trim(allowHosts);
    }

    public String getAllowProjects() {
        return allowProjects;
    }

    @DataBoundSetter
    public void setAllowProjects(String allowProjects) {
        this.allowProjects = trim(allowProjects);
    }

    public String getAllowOperations() {
        return allowOperations;
    }

    @DataBoundSetter
    public void setAllowOperations(String allowOperations) {
        this.allowOperations = trim(allowOperations);
    }

    /** Label expression the agent must match for a pipeline to use this credential; null for anywhere. */
    public String getAgentLabel() {
        return agentLabel;
    }

    @DataBoundSetter
    public void setAgentLabel(String agentLabel) {
        this.agentLabel = trim(agentLabel);
    }

    public Secret getState() {
        return state;
    }

    @DataBoundSetter
    public void setState(Secret state) {
        this.state = state == null || state.getPlainText().isEmpty() ? null : state;
    }

    /** The core spec; throws a {@link io.jiraaccess.core.ConfigurationException} naming the field when a value is bad. */
    public final CredentialSpec toSpec() {
        CredentialFields f = CredentialFields.of(getKind(), getId()).set("site", site).set("flavor", flavor)
                .set("owner", owner).set("description", getDescription())
                .set("allow.hosts", allowHosts).set("allow.projects", allowProjects).set("allow.operations", allowOperations);
        fill(f);
        return f.toSpec("Jenkins credential '" + getId() + "'");
    }

    public final CredentialState currentState() {
        return state == null ? CredentialState.EMPTY : CredentialStateJson.read(getId(), state.getPlainText());
    }

    /** A copy holding {@code newState}: what the store writes back with {@code updateCredentials}. */
    public final JiraCredentials withState(CredentialState newState) {
        JiraCredentials c = copy();
        c.flavor = flavor;
        c.owner = owner;
        c.allowHosts = allowHosts;
        c.allowProjects = allowProjects;
        c.allowOperations = allowOperations;
        c.agentLabel = agentLabel;
        c.state = newState == null || newState.equals(CredentialState.EMPTY) ? null
                : Secret.fromString(CredentialStateJson.write(newState));
        return c;
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    static String plain(Secret s) {
        return s == null ? null : s.getPlainText();
    }

    /** Shared by the five kinds: display names come from each kind, the connection test from here. */
    public abstract static class JiraCredentialsDescriptor extends BaseStandardCredentialsDescriptor {
        protected JiraCredentialsDescriptor(Class<? extends JiraCredentials> clazz) {
            super(clazz);
        }

        /** The id to test under: the form's, or a placeholder for a credential not saved yet (Jenkins assigns one). */
        protected static String testId(String id) {
            String t = trim(id);
            return t == null ? "connection-test" : t;
        }

        /**
         * Tests a credential as the form holds it. Needs the right to create credentials where the form is (an item's
         * folder or Jenkins itself): the test sends the secret to the URL in the form.
         */
        protected FormValidation testConnection(Item context, CredentialFields fields) {
            if (context == null) {
                Jenkins.get().checkPermission(CredentialsProvider.CREATE);
            } else {
                context.checkPermission(CredentialsProvider.CREATE);
            }
            try {
                CredentialSpec spec = fields.toSpec("this credential");
                String path = ConnectionProbe.path(spec);
                if (path == null) {
                    return FormValidation.warning(ConnectionProbe.notProbed(spec));
                }
                JiraAccessRuntime runtime = JiraAccessRuntime.get();
                JiraGateway.Reply reply = runtime.gateway().request(spec, runtime.scratchContext(),
                        new PipelineRun("(connection test)", "0", null, PipelineRun.BUILT_IN), "GET", path, null);
                ConnectionProbe.Result result = ConnectionProbe.result(spec, reply.status(), reply.body());
                return result.ok() ? FormValidation.ok(result.message()) : FormValidation.error(result.message());
            } catch (JiraAccessException | UnsupportedOperationException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
