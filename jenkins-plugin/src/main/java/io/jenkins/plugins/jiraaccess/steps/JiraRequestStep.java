package io.jenkins.plugins.jiraaccess.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.binding.JiraGateway;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code jiraRequest(credentialsId: 'x', method: 'GET', path: '/rest/api/2/myself')}: one request through core's Jira
 * client, inside the credential's allow policy; returns {@code [status: 200, body: '...']}. The token never enters
 * the pipeline, and it is the only way to use a Connect app, whose JWT is bound to each request.
 */
public class JiraRequestStep extends Step {
    /** Longest body quoted in a failure message; the whole body is in the returned map. */
    static final int QUOTED_BODY = 300;

    private final String credentialsId;
    private final String path;
    private String method = "GET";
    private String body;
    private boolean failOnError = true;

    @DataBoundConstructor
    public JiraRequestStep(String credentialsId, String path) {
        this.credentialsId = credentialsId;
        this.path = path;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getPath() {
        return path;
    }

    public String getMethod() {
        return method;
    }

    @DataBoundSetter
    public void setMethod(String method) {
        this.method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
    }

    public String getBody() {
        return body;
    }

    @DataBoundSetter
    public void setBody(String body) {
        this.body = body;
    }

    /** When true (the default), an answer of 400 or above fails the step; when false, it is returned like any other. */
    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient JiraRequestStep step;

        Execution(StepContext context, JiraRequestStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            if (step.path == null || !step.path.startsWith("/")) {
                throw new AbortException("jiraRequest: path must start with '/' and is relative to the credential's site, "
                        + "e.g. path: '/rest/api/2/myself'");
            }
            CredentialUse use = CredentialUse.open(step.credentialsId, context.get(Run.class), context.get(Computer.class),
                    "jiraRequest");
            JiraGateway.Reply reply;
            try {
                // core's client checks the allow policy and records token.used with this build's job, number and node
                reply = use.runtime().gateway().request(use.spec(), use.context(), use.pipeline(), step.method,
                        step.path, step.body);
            } catch (JiraAccessException | UnsupportedOperationException e) {
                throw new AbortException("jiraRequest: " + e.getMessage());
            }
            use.runtime().lastUse().record(use.spec().id(), use.runtime().clock().instant());
            context.get(TaskListener.class).getLogger().println("jiraRequest: " + step.method + " " + step.path + " -> "
                    + reply.status());
            if (step.failOnError && reply.status() >= 400) {
                String text = reply.body() == null ? "" : reply.body();
                throw new AbortException("jiraRequest: " + step.method + " " + step.path + " answered " + reply.status()
                        + (text.isEmpty() ? "" : ": " + (text.length() > QUOTED_BODY ? text.substring(0, QUOTED_BODY) + "..." : text))
                        + " (set failOnError: false to handle it in the pipeline)");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", reply.status());
            result.put("body", reply.body());
            return result;
        }
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "jiraRequest";
        }

        /** The Jira credentials visible from the item being configured (needs Item/Configure there). */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsIdField.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdField.check(item, value);
        }

        @Override
        public String getDisplayName() {
            return "Send one request to Jira with a Jira credential";
        }
    }
}
